using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// SSRF by name: every DNS host name in a URI argument of <c>tools/call</c>/<c>prompts/get</c> and in a
/// <c>resources/read</c>/<c>subscribe</c> URI is resolved through <see cref="IMcpHostResolver"/> (all names of one
/// message in parallel, bounded by <see cref="McpInputOptions.HostResolutionTimeout"/>), and every address it resolves
/// to must be public (<see cref="UriSafety.IsInternal"/>). A name that resolves to an internal address is
/// <see cref="McpErrorCodes.InputUnsafeUri"/>; a name that does not resolve is <see cref="McpErrorCodes.InputUriUnresolved"/>;
/// a resolution that does not finish in time is <see cref="McpErrorCodes.InputUriResolutionTimeout"/> — never an allow.
/// Literal addresses, schemes and internal names are the input check's (<see cref="McpInputValidationCheck"/>).
/// </summary>
/// <remarks>
/// This is an admission check: the tool resolves the name again when it dials, and a hostile DNS server can answer
/// differently then (DNS rebinding). A gateway that dials closes that window with <see cref="McpSafeDialer"/>.
/// </remarks>
internal sealed class McpUriResolutionCheck(IMcpHostResolver? resolver, IOptionsMonitor<AegisMcpOptions> options, TimeProvider time) : ISecurityCheck
{
    public string Name => "mcp.input.dns";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var message = context.GetMessage();
        if (message is null || message.Kind != McpMessageKind.Request
            || message.Method is not (McpMethods.ToolsCall or McpMethods.PromptsGet or McpMethods.ResourcesRead or McpMethods.ResourcesSubscribe))
        {
            return new(SecurityDecision.Allow());
        }

        var settings = options.CurrentValue.Input;
        if (!settings.ResolveHostNames || settings.AllowPrivateNetworkUris)
        {
            return new(SecurityDecision.Allow());
        }

        HashSet<string>? hosts = null;
        if (message.Method is McpMethods.ResourcesRead or McpMethods.ResourcesSubscribe)
        {
            Collect(message.TargetName, ref hosts);
        }
        else if (!Walk(message.Arguments, ref hosts, 0, settings.MaxArgumentDepth))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.InputTooDeep, "The arguments are nested too deeply.", 400));
        }

        if (hosts is null)
        {
            return new(SecurityDecision.Allow());
        }

        if (hosts.Count > settings.MaxHostsPerRequest)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.InputUnsafeUri, "The request names more distinct hosts than can be checked.", 400));
        }

        if (resolver is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.InputUriUnresolved, "No host resolver is configured; URIs with host names cannot be checked.", 503));
        }

        return ResolveAllAsync(resolver, hosts, settings.HostResolutionTimeout, cancellationToken);
    }

    private async ValueTask<SecurityDecision> ResolveAllAsync(IMcpHostResolver hostResolver, HashSet<string> hosts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var pending = new Task<Resolution>[hosts.Count];
        var i = 0;
        foreach (var host in hosts)
        {
            pending[i++] = ResolveAsync(hostResolver, host, linked.Token);
        }

        Resolution[] results;
        try
        {
            // Stop waiting at the deadline even when the resolver ignores its token.
            results = await Task.WhenAll(pending).WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return TimedOut();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut();
        }

        foreach (var result in results)
        {
            if (result.Addresses is not { Count: > 0 } addresses)
            {
                return SecurityDecision.Deny(McpErrorCodes.InputUriUnresolved, "A host name in the request could not be resolved, so it cannot be checked.", 400);
            }

            foreach (var address in addresses)
            {
                if (address is null || UriSafety.IsInternal(address))
                {
                    return SecurityDecision.Deny(McpErrorCodes.InputUnsafeUri, "A host name in the request resolves to a private, loopback, link-local or metadata address.", 400);
                }
            }
        }

        return SecurityDecision.Allow();
    }

    private static SecurityDecision TimedOut()
        => SecurityDecision.Deny(McpErrorCodes.InputUriResolutionTimeout, "A host name in the request could not be resolved in time, so it cannot be checked.", 504);

    private static async Task<Resolution> ResolveAsync(IMcpHostResolver hostResolver, string host, CancellationToken cancellationToken)
    {
        try
        {
            return new Resolution(await hostResolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false));
        }
        catch (SocketException)
        {
            return new Resolution(null); // no such host, no answer, server failure: not resolvable, so not checkable
        }
    }

    private static void Collect(string? value, ref HashSet<string>? hosts)
    {
        if (value is not null && UriSafety.LooksLikeUri(value) && UriSafety.TryGetDnsHost(value, out var host))
        {
            (hosts ??= new HashSet<string>(StringComparer.Ordinal)).Add(host);
        }
    }

    /// <returns><see langword="false"/> when the arguments nest deeper than allowed.</returns>
    private static bool Walk(JsonElement element, ref HashSet<string>? hosts, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Name, ref hosts);
                    if (!Walk(property.Value, ref hosts, depth + 1, maxDepth))
                    {
                        return false;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!Walk(item, ref hosts, depth + 1, maxDepth))
                    {
                        return false;
                    }
                }

                break;
            case JsonValueKind.String:
                Collect(element.GetString(), ref hosts);
                break;
        }

        return true;
    }

    private readonly record struct Resolution(IReadOnlyList<IPAddress>? Addresses);
}
