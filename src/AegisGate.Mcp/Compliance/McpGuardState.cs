using System.Collections.Concurrent;
using AegisGate.Mcp.Http;

namespace AegisGate.Mcp.Compliance;

/// <summary>Where the MCP guardrails run: the <c>UseAegisMcp()</c> registrations (path and effective mode), for compliance evidence.</summary>
internal sealed class McpGuardState
{
    private readonly ConcurrentQueue<McpGuardedEndpoint> _endpoints = new();

    /// <summary>Gets the <c>UseAegisMcp()</c> registrations.</summary>
    public IReadOnlyList<McpGuardedEndpoint> Endpoints => [.. _endpoints];

    /// <summary>Records a <c>UseAegisMcp()</c> registration.</summary>
    /// <param name="path">The guarded path.</param>
    /// <param name="mode">The effective mode (<see cref="McpGuardMode.Transport"/> or <see cref="McpGuardMode.Full"/>).</param>
    public void Record(string path, McpGuardMode mode) => _endpoints.Enqueue(new McpGuardedEndpoint(path, mode));
}

/// <summary>One <c>UseAegisMcp()</c> registration.</summary>
/// <param name="Path">The guarded path.</param>
/// <param name="Mode">The effective mode.</param>
internal sealed record McpGuardedEndpoint(string Path, McpGuardMode Mode);
