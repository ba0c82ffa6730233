using Microsoft.Data.Sqlite;

namespace AgentWorkspace.Data;

/// <summary>
/// Where the SQLite workspace lives, worked out in one place so the app and the backup and restore
/// commands (Features/Operations) always mean the same file.
/// </summary>
public static class SqliteLocation
{
    /// <summary>The configured <c>ConnectionStrings:Workspace</c>, else App_Data/workspace.db under the content root.</summary>
    public static string ConnectionString(IConfiguration configuration, string contentRootPath)
    {
        var connectionString = configuration.GetConnectionString("Workspace");
        return string.IsNullOrWhiteSpace(connectionString)
            ? $"Data Source={Path.Combine(contentRootPath, "App_Data", "workspace.db")}"
            : connectionString;
    }

    /// <summary>The database file's full path (SQLite resolves a relative one against the working folder).</summary>
    public static string DatabaseFile(IConfiguration configuration, string contentRootPath) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString(configuration, contentRootPath)).DataSource);

    /// <summary>
    /// Hangfire's own file: <c>ConnectionStrings:Hangfire</c> (<c>Data Source=…</c> or a bare path, relative
    /// to the content root, where <c>App_Data</c> is), else <c>hangfire.db</c> beside the workspace database.
    /// Never the workspace file itself: Hangfire's polling would contend with the workspace's single writer.
    /// </summary>
    public static string HangfireFile(IConfiguration configuration, string contentRootPath)
    {
        var configured = configuration.GetConnectionString("Hangfire");
        var workspace = DatabaseFile(configuration, contentRootPath);
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Path.GetDirectoryName(workspace)!, "hangfire.db")
            : Path.GetFullPath(DataSource(configured), contentRootPath);
        if (string.Equals(workspace, path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"ConnectionStrings:Hangfire names the workspace database ({path}); Hangfire's jobs need a file of their own.");
        }
        return path;
    }

    private static string DataSource(string value) =>
        value.Contains('=') ? new SqliteConnectionStringBuilder(value).DataSource : value.Trim();
}
