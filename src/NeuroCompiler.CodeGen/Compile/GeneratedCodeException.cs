namespace NeuroCompiler.CodeGen.Compile;

/// <summary>The generated code did not compile: a bug in neuroc, reported with the model and the generated file.</summary>
public sealed class GeneratedCodeException : Exception
{
    public GeneratedCodeException(string message, string sourcePath) : base(message) => SourcePath = sourcePath;

    public string SourcePath { get; }
}
