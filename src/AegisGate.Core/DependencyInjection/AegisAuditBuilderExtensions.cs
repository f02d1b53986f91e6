using AegisGate.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Replaces AegisGate's audit sink.</summary>
public static class AegisAuditBuilderExtensions
{
    /// <summary>
    /// Replaces the default <see cref="JsonlAuditSink"/> with <typeparamref name="TSink"/> (a singleton). The sink must be
    /// thread-safe and complete <see cref="IAuditSink.WriteAsync"/> only once the event is durable; a sink that throws
    /// makes <see cref="AuditTrail"/> deny with <c>AEGIS_AUDIT_UNAVAILABLE</c> while audit is fail-closed.
    /// </summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAuditSink<TSink>(this IAegisBuilder builder)
        where TSink : class, IAuditSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuditSink, TSink>());
        return builder;
    }

    /// <summary>Replaces the default <see cref="JsonlAuditSink"/> with a sink created by <paramref name="factory"/>.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="factory">Creates the sink (once).</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAuditSink(this IAegisBuilder builder, Func<IServiceProvider, IAuditSink> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }
}
