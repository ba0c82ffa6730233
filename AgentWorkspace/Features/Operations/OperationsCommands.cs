using AgentWorkspace.Data;

namespace AgentWorkspace.Features.Operations;

/// <summary>
/// <c>dotnet AgentWorkspace.dll backup|restore {folder}</c>: operator commands that run instead of
/// the web host. They read the app's own configuration (appsettings.json, the environment overlay,
/// user secrets, environment variables, <c>--Key=value</c> arguments) so the database they touch is
/// the one the app would open from the same folder with the same settings.
/// </summary>
public static class OperationsCommands
{
    private const string Usage = """
        usage: dotnet AgentWorkspace.dll backup {folder} [--Key=value …]
               dotnet AgentWorkspace.dll restore {folder} [--replace] [--Key=value …]
        backup writes a consistent copy of the SQLite workspace (and the job file and attachments when
        present) into a new or empty folder while the app keeps running; restore puts one back with the
        app stopped (--replace when a database is already there; it is kept beside it).
        """;

    /// <summary>True when the arguments named a command and it ran; the exit code is then set.</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("backup" or "restore"))
        {
            return false;
        }
        var command = args[0];
        var rest = args.Skip(1).ToList();
        var replace = rest.Remove("--replace");
        var folder = rest.FirstOrDefault(a => !a.StartsWith('-'));
        if (string.IsNullOrWhiteSpace(folder) || (replace && command == "backup"))
        {
            await Console.Error.WriteLineAsync($"{command}: {(replace ? "--replace is for restore only" : "a folder is required")}.\n{Usage}");
            Environment.ExitCode = 2;
            return true;
        }
        rest.Remove(folder);
        try
        {
            var locations = WorkspaceLocations.Read(rest.ToArray());
            if (locations.Provider == DatabaseProvider.PostgreSql)
            {
                throw new OperationFailedException(
                    "Workspace:Database:Provider is PostgreSql: the workspace (and Hangfire's \"hangfire\" schema) is in PostgreSQL, "
                    + "which this command does not copy. Use pg_dump --format=custom --no-owner and pg_restore into an empty database "
                    + "(README, \"Backup and restore\").");
            }
            if (command == "backup")
            {
                await BackupCommand.RunAsync(locations, folder, Console.Out);
            }
            else
            {
                await RestoreCommand.RunAsync(locations, folder, replace, Console.Out);
            }
            Environment.ExitCode = 0;
        }
        catch (OperationFailedException e)
        {
            await Console.Error.WriteLineAsync($"{command} failed: {e.Message}");
            Environment.ExitCode = 1;
        }
        catch (ArgumentException e)
        {
            // Microsoft.Data.Sqlite's words for a connection string it cannot read.
            await Console.Error.WriteLineAsync($"{command} failed: ConnectionStrings:Workspace (or ConnectionStrings:Hangfire) is not a SQLite connection string: {e.Message}");
            Environment.ExitCode = 1;
        }
        catch (InvalidOperationException e)
        {
            // Configuration that does not bind (a provider name that does not exist) lands here.
            await Console.Error.WriteLineAsync($"{command} failed: the configuration could not be read: {e.Message}");
            Environment.ExitCode = 1;
        }
        return true;
    }
}

/// <summary>What went wrong, in words an operator can act on; nothing half-done is left behind.</summary>
public sealed class OperationFailedException(string message, Exception? inner = null) : Exception(message, inner);
