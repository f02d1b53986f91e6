using System.Text.RegularExpressions;
using AegisGate.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace AegisGate.Mcp.Stdio;

/// <summary>A stdio launch being validated: which allowlisted server, with which arguments.</summary>
/// <param name="ServerName">The allowlist entry.</param>
/// <param name="Arguments">The arguments (argv, never a shell string).</param>
public sealed record StdioLaunchRequest(string ServerName, IReadOnlyList<string> Arguments)
{
    /// <summary>Gets the validated transport options, set by the validator when the launch is allowed.</summary>
    public StdioClientTransportOptions? Validated { get; internal set; }
}

/// <summary>
/// The only way AegisGate starts a stdio MCP server: the launch passes the <see cref="McpPipelines.Stdio"/> pipeline
/// (allowlisted command resolved to an absolute path, no shell, per-position argument rules, executable and package
/// hashes, scrubbed environment) and only then becomes an SDK <see cref="StdioClientTransport"/>.
/// </summary>
public sealed class AegisStdioLauncher
{
    private readonly SecurityPipelineProvider _pipelines;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<AegisStdioLauncher> _logger;

    /// <summary>Initializes a new instance of the <see cref="AegisStdioLauncher"/> class.</summary>
    /// <param name="pipelines">The pipelines.</param>
    /// <param name="loggerFactory">The logger factory (passed to the SDK transport).</param>
    public AegisStdioLauncher(SecurityPipelineProvider pipelines, ILoggerFactory loggerFactory)
    {
        _pipelines = pipelines;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<AegisStdioLauncher>();
    }

    /// <summary>Validates a launch and, when allowed, creates the transport (the process starts when the transport connects).</summary>
    /// <param name="serverName">The allowlisted server.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The decision and, when allowed, the transport.</returns>
    public async ValueTask<(SecurityDecision Decision, StdioClientTransport? Transport)> CreateTransportAsync(string serverName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serverName);
        ArgumentNullException.ThrowIfNull(arguments);
        var request = new StdioLaunchRequest(serverName, arguments);
        var context = new SecurityContext(AegisPillars.Mcp, "stdio/launch");
        context.SetAttribute(McpContextKeys.StdioLaunch, request);
        var decision = await _pipelines.GetPipeline(McpPipelines.Stdio).EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed || request.Validated is null)
        {
            McpLog.StdioDenied(_logger, serverName, decision.Code ?? McpErrorCodes.StdioValidatorMissing);
            return (decision.IsAllowed ? SecurityDecision.Deny(McpErrorCodes.StdioValidatorMissing, "The stdio launch was not validated.") : decision, null);
        }

        McpLog.StdioLaunched(_logger, serverName, request.Validated.Command);
        return (decision, new StdioClientTransport(request.Validated, _loggerFactory));
    }
}

/// <summary>The stdio command validator. With no allowlist configured every command is denied.</summary>
internal sealed class StdioCommandCheck(IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    private static readonly string[] Shells = ["sh", "bash", "zsh", "dash", "ksh", "csh", "tcsh", "fish", "ash", "busybox", "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe", "env", "sudo", "su", "doas", "xargs", "nohup", "script"];
    private static readonly System.Buffers.SearchValues<char> ShellMetacharacters = System.Buffers.SearchValues.Create(";|&$`<>\n\r\0");

    public string Name => "mcp.stdio-command";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<StdioLaunchRequest>(McpContextKeys.StdioLaunch, out var request) || request is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioCommandDenied, "No stdio launch to validate."));
        }

        var servers = options.CurrentValue.Stdio.Servers;
        if (servers.Count == 0)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioValidatorMissing, "No stdio servers are allowlisted; every command is denied."));
        }

        if (!servers.TryGetValue(request.ServerName, out var definition))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioCommandDenied, "The stdio server is not allowlisted."));
        }

        var command = Resolve(definition.Command);
        if (command is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioCommandDenied, "The stdio command does not resolve to an executable file."));
        }

        var fileName = Path.GetFileName(command);
        if (Shells.Contains(fileName, StringComparer.OrdinalIgnoreCase))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioCommandDenied, "Shells and command wrappers may not be launched."));
        }

        if (definition.CommandSha256 is { } commandHash && !HashEquals(PackageHasher.HashFile(command), commandHash))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioHashMismatch, "The stdio executable does not match its allowlisted hash."));
        }

        if (request.Arguments.Count != definition.Arguments.Count)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.StdioArgumentDenied, "The stdio arguments do not match the allowlisted rules."));
        }

        for (var i = 0; i < request.Arguments.Count; i++)
        {
            if (!ArgumentMatches(request.Arguments[i], definition.Arguments[i]))
            {
                return new(SecurityDecision.Deny(McpErrorCodes.StdioArgumentDenied, $"Stdio argument {i} breaks its rule."));
            }
        }

        if (definition.PackageDirectory is { } package)
        {
            string actual;
            try
            {
                actual = PackageHasher.HashDirectory(package);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new(SecurityDecision.Deny(McpErrorCodes.StdioHashMismatch, "The stdio server's package cannot be verified."));
            }

            if (!HashEquals(actual, definition.PackageSha256!))
            {
                return new(SecurityDecision.Deny(McpErrorCodes.StdioHashMismatch, "The stdio server's package does not match its allowlisted hash."));
            }
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in definition.InheritEnvironment)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in definition.Environment)
        {
            environment[name] = value;
        }

        var workingDirectory = definition.WorkingDirectory ?? Directory.CreateTempSubdirectory("aegis-stdio-").FullName;
        request.Validated = new StdioClientTransportOptions
        {
            Name = request.ServerName,
            Command = command,
            Arguments = [.. request.Arguments],
            EnvironmentVariables = environment,
            InheritEnvironmentVariables = false,
            WorkingDirectory = workingDirectory,
        };
        return new(SecurityDecision.Allow());
    }

    internal static string? Resolve(string command)
    {
        if (Path.IsPathFullyQualified(command))
        {
            return File.Exists(command) ? command : null;
        }

        if (command.Contains('/', StringComparison.Ordinal) || command.Contains('\\', StringComparison.Ordinal))
        {
            return null; // relative paths depend on the working directory: refuse
        }

        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(directory))
            {
                continue;
            }

            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool ArgumentMatches(string argument, string rule)
    {
        if (rule.StartsWith("regex:", StringComparison.Ordinal))
        {
            if (argument.AsSpan().ContainsAny(ShellMetacharacters))
            {
                return false;
            }

            var regex = new Regex("^(?:" + rule[6..] + ")$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return regex.IsMatch(argument);
        }

        return string.Equals(argument, rule, StringComparison.Ordinal);
    }

    private static bool HashEquals(string actual, string expected)
        => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(actual.ToLowerInvariant()),
            System.Text.Encoding.ASCII.GetBytes(expected.ToLowerInvariant()));
}
