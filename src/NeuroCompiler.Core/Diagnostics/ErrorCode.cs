namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// Every diagnostic's stable number, printed as NC0123. A number is never reused for another
/// meaning; a retired code stays here, marked obsolete.
/// </summary>
public enum ErrorCode
{
    // 0001-0099: reading and parsing
    CannotReadFile = 1,
    SyntaxError = 2,
    UnexpectedCharacter = 3,

    // 0100-0199: names and declarations
    UnknownName = 101,
    Redefinition = 102,
    UnknownType = 103,
    UnknownFunction = 104,
    ImportNotFound = 105,
    MemberNotAllowedHere = 106,
    UnknownSetting = 107,
    DuplicateMember = 108,
    OdeForUnknownState = 109,
    UnknownIntegrationMethod = 110,
    UnknownConnectivityRule = 111,
    UnknownStimulusKind = 112,
    UnknownRecordingKind = 113,
    NameNotAvailableHere = 114,
    ImportCycle = 115,
    NotAssignable = 116,
    UnknownArgument = 117,
    MissingArgument = 118,
    DuplicateArgument = 119,
    ReservedName = 120,
    UnknownEquationFlag = 121,

    // 0200-0299: units and types
    UnitMismatch = 201,
    UnknownUnit = 202,
    OdeUnitMismatch = 203,
    ExpectedDimensionless = 204,
    ExponentNotConstant = 205,
    ExpectedBoolean = 206,
    ExpectedQuantity = 207,
    CannotInferUnit = 208,
    FractionalExponent = 209,

    // 0300-0399: values
    NegativeSize = 301,
    ProbabilityOutOfRange = 302,
    DelayShorterThanStep = 303,
    ParameterCycle = 304,
    WrongArgumentCount = 305,
    NotConstant = 306,
    InvalidValue = 307,
    IndexOutOfRange = 308,
    DegreeTooLarge = 309,
    DelayNotMultipleOfStep = 310,
    EmptyRange = 311,

    // 0400-0499: lowering and integration
    MethodNotApplicable = 401,
    NonlinearInNoise = 402,

    // 0500-0599: running
    ModelTooLarge = 501,
    RuntimeFailure = 502,
    NumericalDivergence = 503,
    OutputFailure = 504,
    NoDevice = 505,

    // 0600-0699: plasticity
    EventDrivenNotSolvable = 601,
    SpreadForward = 602,
    SpreadCycle = 603,
    SpreadMismatch = 604,

    // 0700-0799: hardware target descriptions
    TargetSyntax = 701,
    UnknownTargetField = 702,
    MissingTargetField = 703,
    TargetValueType = 704,
    TargetValueOutOfRange = 705,
    UnknownTargetFamily = 706,
    TargetUnitMismatch = 707,
    DuplicateTargetField = 708,
    UnknownTarget = 709,
    InconsistentTarget = 710,
    TargetLimitExceeded = 711,
    TargetCannotRun = 712,
    TargetTransformationNeeded = 713,

    // 0900-0999: the command line
    BadOverride = 901,
    UnknownOverride = 902,
}
