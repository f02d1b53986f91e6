namespace AegisGate.Detection.Classifier;

/// <summary>
/// An injection model could not be loaded: the file is missing, truncated, corrupted (checksum), of an unsupported
/// version, or was trained with a different canonicaliser or featurizer. This is a start-up error: AegisGate never
/// falls back to rules-only detection silently.
/// </summary>
public sealed class InjectionModelLoadException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InjectionModelLoadException"/> class.</summary>
    public InjectionModelLoadException()
        : base("The injection model could not be loaded.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InjectionModelLoadException"/> class.</summary>
    /// <param name="message">What is wrong with the model.</param>
    public InjectionModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InjectionModelLoadException"/> class.</summary>
    /// <param name="message">What is wrong with the model.</param>
    /// <param name="innerException">The cause.</param>
    public InjectionModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
