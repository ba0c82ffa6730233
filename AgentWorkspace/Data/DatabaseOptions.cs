namespace AgentWorkspace.Data;

/// <summary>Which engine holds the workspace: one node on SQLite (the default) or several on PostgreSQL.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary><c>Workspace:Database</c>; the connection string stays <c>ConnectionStrings:Workspace</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long a starting node waits for another node's migrations and seeding before it gives up.</summary>
    public TimeSpan StartupLockTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
