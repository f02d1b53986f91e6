namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures AegisGate services. Returned by <c>AddAegisGate()</c> and the pillars' <c>AddAegisX()</c> methods.</summary>
public interface IAegisBuilder
{
    /// <summary>Gets the service collection.</summary>
    IServiceCollection Services { get; }
}

internal sealed class AegisBuilder(IServiceCollection services) : IAegisBuilder
{
    public IServiceCollection Services { get; } = services;
}
