namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// The catalogue of diagnostics: every code's stable number, printed as NC0123, and what it means
/// (<see cref="SummaryAttribute"/>, the headline every message under that code elaborates). A number is
/// never reused for another meaning; a retired code stays here, marked obsolete. A test walks this
/// enum and fails for a code that has no summary, is never raised in src/ or is never tested.
/// </summary>
public enum ErrorCode
{
    // 0001-0099: reading and parsing
    [Summary("a file cannot be read")] CannotReadFile = 1,
    [Summary("the text does not follow the grammar")] SyntaxError = 2,
    [Summary("a character that is not part of the language")] UnexpectedCharacter = 3,
    [Summary("a construct nested more deeply than the documented limit")] NestingTooDeep = 4,
    [Summary("an expression larger than the documented limit once the lets it uses are written out")] ExpressionTooLarge = 5,

    // 0100-0199: names and declarations
    [Summary("a name that is not declared")] UnknownName = 101,
    [Summary("a name declared twice")] Redefinition = 102,
    [Summary("a neuron or synapse type that is not declared")] UnknownType = 103,
    [Summary("a function that does not exist")] UnknownFunction = 104,
    [Summary("an imported file that cannot be found")] ImportNotFound = 105,
    [Summary("a member that is not allowed in this block")] MemberNotAllowedHere = 106,
    [Summary("a model setting that does not exist")] UnknownSetting = 107,
    [Summary("a member given twice")] DuplicateMember = 108,
    [Summary("an equation for a variable that is not a state")] OdeForUnknownState = 109,
    [Summary("an integration method that does not exist")] UnknownIntegrationMethod = 110,
    [Summary("a connectivity rule that does not exist")] UnknownConnectivityRule = 111,
    [Summary("a stimulus kind that does not exist")] UnknownStimulusKind = 112,
    [Summary("a recording kind that does not exist")] UnknownRecordingKind = 113,
    [Summary("a name that cannot be used in this context")] NameNotAvailableHere = 114,
    [Summary("files that import each other")] ImportCycle = 115,
    [Summary("an assignment to something that cannot be assigned")] NotAssignable = 116,
    [Summary("a named argument the function does not take")] UnknownArgument = 117,
    [Summary("an argument the function needs is missing")] MissingArgument = 118,
    [Summary("an argument given twice")] DuplicateArgument = 119,
    [Summary("a name reserved by the language")] ReservedName = 120,
    [Summary("an equation flag that does not exist")] UnknownEquationFlag = 121,
    [Summary("a model or import that is not a regular file (a device, pipe, directory or generated file)")] SourceNotRegularFile = 122,
    [Summary("a model or import larger than the source size limit")] SourceTooLarge = 123,
    [Summary("a model or import that is not UTF-8 text")] SourceNotText = 124,
    [Summary("two recordings that would write the same file or the same values")] RecordingConflict = 125,

    // 0200-0299: units and types
    [Summary("quantities whose units do not match")] UnitMismatch = 201,
    [Summary("a unit that does not exist")] UnknownUnit = 202,
    [Summary("a differential equation whose right side is not in the state's unit per second")] OdeUnitMismatch = 203,
    [Summary("a quantity with a unit where a plain number is needed")] ExpectedDimensionless = 204,
    [Summary("an exponent of a quantity with a unit that is not a constant")] ExponentNotConstant = 205,
    [Summary("a quantity where a condition is needed")] ExpectedBoolean = 206,
    [Summary("a condition where a quantity is needed")] ExpectedQuantity = 207,
    [Obsolete("never raised: units are always inferred or reported as NC0201")] CannotInferUnit = 208,
    [Summary("a fractional power of a unit that has no meaning")] FractionalExponent = 209,

    // 0300-0399: values
    [Summary("a negative size or count")] NegativeSize = 301,
    [Summary("a probability outside [0, 1]")] ProbabilityOutOfRange = 302,
    [Summary("a delay shorter than one time step")] DelayShorterThanStep = 303,
    [Summary("parameters defined in terms of each other")] ParameterCycle = 304,
    [Summary("a call with the wrong number of arguments")] WrongArgumentCount = 305,
    [Summary("a value that must be known at compile time is not")] NotConstant = 306,
    [Summary("a value outside what the construct allows")] InvalidValue = 307,
    [Summary("an index outside the population")] IndexOutOfRange = 308,
    [Summary("a degree larger than the population it draws from")] DegreeTooLarge = 309,
    [Summary("a delay that is not a whole number of time steps")] DelayNotMultipleOfStep = 310,
    [Summary("a range that selects nothing")] EmptyRange = 311,
    [Summary("a value that is infinite or not a number")] NotFinite = 312,
    [Summary("a time that is more time steps than the limit")] TooManySteps = 313,
    [Summary("a run shorter than one time step")] RunShorterThanStep = 314,

    // 0400-0499: lowering and integration
    [Summary("an integration method that cannot solve these equations")] MethodNotApplicable = 401,
    [Summary("noise that enters an equation nonlinearly")] NonlinearInNoise = 402,

    // 0500-0599: running
    [Summary("a model too large for the memory available")] ModelTooLarge = 501,
    [Summary("the run ran out of memory, beyond what the estimate foresaw")] OutOfMemory = 502,
    [Summary("a state became NaN or infinite during the run")] NumericalDivergence = 503,
    [Summary("results cannot be written")] OutputFailure = 504,
    [Summary("no device for the chosen backend")] NoDevice = 505,
    // 0506-0509: output folders and interruption (issue 12, items 4 and 5)
    [Summary("an output folder another neuroc process is writing now")] OutputFolderBusy = 506,
    [Summary("the run was stopped by Ctrl-C (SIGINT) or SIGTERM")] Interrupted = 507,

    // 0514-0519: the kernel cache (warnings: the run goes on)
    [Summary("a kernel cache entry that failed verification, discarded and compiled again")] KernelCacheEntryDiscarded = 514,
    [Summary("a kernel cache folder that cannot be used, so the run goes on without the cache")] KernelCacheUnavailable = 515,

    // 0520-0524: the memory guard during a run
    [Summary("a run that recorded more spikes than the memory left holds, stopped")] RecordedSpikesExceedMemory = 520,

    // 0599: a bug in neuroc itself (generated code that does not compile), reported as such
    [Summary("an internal error: a bug in neuroc, not in the model")] InternalError = 599,

    // 0600-0699: plasticity
    [Summary("event-driven equations that cannot be solved between events")] EventDrivenNotSolvable = 601,
    [Summary("plasticity spreading forward, which the model forbids")] SpreadForward = 602,
    [Summary("spread rules that form a cycle")] SpreadCycle = 603,
    [Summary("a spread between projections that do not match")] SpreadMismatch = 604,

    // 0700-0799: hardware target descriptions
    [Summary("a target description that is not valid JSON")] TargetSyntax = 701,
    [Summary("a field a target description does not have")] UnknownTargetField = 702,
    [Summary("a field a target description needs is missing")] MissingTargetField = 703,
    [Summary("a target field of the wrong type")] TargetValueType = 704,
    [Summary("a target field outside its allowed range")] TargetValueOutOfRange = 705,
    [Summary("a target family that does not exist")] UnknownTargetFamily = 706,
    [Summary("a target field with the wrong unit")] TargetUnitMismatch = 707,
    [Summary("a target field given twice")] DuplicateTargetField = 708,
    [Summary("a target that does not exist")] UnknownTarget = 709,
    [Summary("target fields that contradict each other")] InconsistentTarget = 710,
    [Summary("a model that exceeds a limit of the target")] TargetLimitExceeded = 711,
    [Summary("something the target cannot run")] TargetCannotRun = 712,
    [Summary("a mapping that needs a transformation flag")] TargetTransformationNeeded = 713,

    // 0714-0719: configurations read back (neuroc load)
    [Summary("a configuration file that is not what its manifest's SHA-256 says was written")] ConfigurationFileChanged = 714,
    [Summary("a file in a configuration folder that its manifest does not list, or one it lists that should not be there")] ConfigurationFileUnlisted = 715,
    [Summary("configuration files that do not fit together: a reference to a core, neuron, state or population that does not exist, a neuron on two cores, a missing route")] ConfigurationInconsistent = 716,
    [Summary("a configuration compiled for another target, or for another version of its description")] ConfigurationTargetMismatch = 717,
    [Summary("a line of an input spike file that is not a spike of the configuration's input populations")] BadInputSpike = 718,
    [Summary("a configuration written before configurations carried what loading them needs (hashes, initial states)")] ConfigurationTooOld = 719,

    // 0900-0999: the command line
    [Summary("a --set value that is not NAME=VALUE or does not fit its parameter")] BadOverride = 901,
    [Summary("a --set name that is not a parameter or setting")] UnknownOverride = 902,
    [Summary("a command-line option or argument that is not valid")] BadCommandLine = 903,
    // 0904-0909: command-line values and output folders (issue 12, items 4 and 12)
    [Summary("a command-line value that is not of the form or in the range its option accepts")] InvalidOptionValue = 904,
    [Summary("a file or folder named on the command line that is missing or of the wrong kind")] BadPathArgument = 905,
    [Summary("an output folder neuroc will not replace (the root, the home folder, a file, a folder neuroc did not write)")] OutputFolderRefused = 906,
}
