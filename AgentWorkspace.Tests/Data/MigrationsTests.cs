using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Data;

/// <summary>
/// Each provider keeps its own migration history, and <c>dotnet ef</c> builds each context through its
/// design-time factory: a model change without its migration, or a factory that hands one history the
/// other provider, is caught here rather than at a team's first start-up.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_history_is_sqlites_own_and_matches_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains(migrations, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.DoesNotContain(migrations, m => m.EndsWith("_InitialPostgreSql", StringComparison.Ordinal));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a SQLite migration: dotnet ef migrations add <Name> --context WorkspaceDbContext");
    }

    [Fact]
    public void The_postgresql_history_is_postgresqls_own_and_matches_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains(migrations, m => m.EndsWith("_InitialPostgreSql", StringComparison.Ordinal));
        Assert.DoesNotContain(migrations, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without regenerating PostgreSQL's migration: scripts/regen-postgres-migration.sh");
    }
}
