using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentWorkspace.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Data/Migrations/PostgreSql)
/// and model snapshot are kept apart from SQLite's: EF finds migrations by the context's type. Every
/// service still asks for <see cref="WorkspaceDbContext"/>; <see cref="WorkspaceDbContextFactory"/> hands out this one.
/// </summary>
public sealed class PostgreSqlWorkspaceDbContext(DbContextOptions options) : WorkspaceDbContext(options);

/// <summary>
/// For <c>dotnet ef … --context PostgreSqlWorkspaceDbContext</c>: generating a migration needs the
/// provider, not a server, so the connection string here is never opened.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlWorkspaceDbContext>
{
    public PostgreSqlWorkspaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkspaceDbContext>().UseNpgsql("Host=localhost;Database=agentworkspace").Options);
}

/// <summary>
/// For <c>dotnet ef … --context WorkspaceDbContext</c> (SQLite's history). Without it EF took
/// <see cref="PostgreSqlDesignTimeFactory"/> for this context too (the factory interface is covariant and
/// the PostgreSQL context derives from this one), so a SQLite migration came out in PostgreSQL's dialect.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<WorkspaceDbContext>
{
    public WorkspaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkspaceDbContext>().UseSqlite("Data Source=agentworkspace.db").Options);
}

/// <summary>One factory for both providers: the provider setting decides which context type the options build.</summary>
public sealed class WorkspaceDbContextFactory(DbContextOptions<WorkspaceDbContext> options, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database)
    : IDbContextFactory<WorkspaceDbContext>
{
    private readonly bool _postgres = database.Value.Provider == DatabaseProvider.PostgreSql;

    public WorkspaceDbContext CreateDbContext() => _postgres ? new PostgreSqlWorkspaceDbContext(options) : new WorkspaceDbContext(options);
}
