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
}
