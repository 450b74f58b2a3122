namespace NeuroCompiler.Cli;

/// <summary>
/// Exit codes, as BSD sysexits: 64 bad usage, 65 a model error, 70 a failure while running; and, as
/// shells report a process a signal ended, 128 + the signal when SIGINT (130) or SIGTERM (143) stopped
/// neuroc (<see cref="Interruption.ExitCode"/>).
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 64;
    public const int ModelError = 65;
    public const int RuntimeFailure = 70;
}
