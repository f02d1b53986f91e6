using System.CommandLine;
using AegisGate.Cli.Commands;

namespace AegisGate.Cli;

/// <summary>The aegisgate command tree. Exit codes: 0 success/clean, 1 findings or a failed verification, 2 usage or I/O error.</summary>
internal static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    public static RootCommand CreateRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("AegisGate: security middleware for AI infrastructure — command-line tool.");
        root.Subcommands.Add(KeysCommand.Create(stdout, stderr));
        root.Subcommands.Add(AuditCommand.Create(stdout, stderr));
        root.Subcommands.Add(LicenseCommand.Create(stdout, stderr));
        root.Subcommands.Add(ComplianceCommand.Create(stdout, stderr));
        root.Subcommands.Add(A2ACommand.Create(stdout, stderr));
        root.Subcommands.Add(RulesCommand.Create(stdout, stderr));
        root.Subcommands.Add(ScanCommand.Create(stdout, stderr));
        root.Subcommands.Add(EvalCommand.Create(stdout, stderr));
        root.Subcommands.Add(McpCommand.Create(stdout, stderr));
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = CreateRoot(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            stderr.WriteLine("Run 'aegisgate --help' for usage.");
            return ExitUsage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
