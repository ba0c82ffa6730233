using AgentWorkspace.Features;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Data;

public static class DataSetup
{
    public static void AddData(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<DatabaseOptions>(builder.Configuration, DatabaseOptions.Section)
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Workspace")),
                "ConnectionStrings:Workspace is required when Workspace:Database:Provider is PostgreSql.")
            .Validate(o => o.StartupLockTimeout > TimeSpan.Zero, "Workspace:Database:StartupLockTimeout must be positive.");
        // Resolved when first needed, so configuration layered on later (tests, overlays) is honoured.
        builder.Services.AddDbContextFactory<WorkspaceDbContext, WorkspaceDbContextFactory>((sp, o) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            if (sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql)
            {
                o.UseNpgsql(configuration.GetConnectionString("Workspace"));
            }
            else
            {
                o.UseSqlite(ConnectionString(configuration, sp.GetRequiredService<IWebHostEnvironment>()))
                    .AddInterceptors(new SqlitePragmas());
            }
            // Features that follow every save (the search index) register an IInterceptor.
            o.AddInterceptors(sp.GetServices<IInterceptor>());
            // A failed command or save is also thrown to the caller, which either handles an expected
            // race (two first messages of one customer, a connector's retry, two nodes firing one rule)
            // or lets it surface and be logged as the error it is. EF's own report of it would log a
            // handled race as "fail", so it stays below Warning and "fail" means an operator must act.
            o.ConfigureWarnings(w => w.Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
                (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>The SQLite file: the configured one, else App_Data/workspace.db under the app.</summary>
    private static string ConnectionString(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connectionString = SqliteLocation.ConnectionString(configuration, environment.ContentRootPath);
        EnsureFolderFor(connectionString);
        return connectionString;
    }

    private static void EnsureFolderFor(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(source)) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }
    }

    /// <summary>Migrations, then reference data (SLA table, keywords, templates, roles, demo team).</summary>
    public static async Task InitializeDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var factory = services.GetRequiredService<IDbContextFactory<WorkspaceDbContext>>();
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        // Several nodes may start together: one migrates and seeds while the others wait, so no two
        // create the same tables, roles or demo accounts. The lock also creates a missing database.
        await using (database.Provider == DatabaseProvider.PostgreSql
            ? await PostgreSqlStartupLock.AcquireAsync(app.Configuration.GetConnectionString("Workspace")!, database.StartupLockTimeout, app.Logger)
            : null)
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                if (db.Database.IsSqlite())
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                }
                await SeedReferenceDataAsync(db, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IOptions<TeamOptions>>().Value.TimeZone);
            }
            await services.GetRequiredService<AccountSeeder>().SeedAsync();
        }
        await services.GetRequiredService<KeywordTableLoader>().ReloadAsync();
    }

    private static async Task SeedReferenceDataAsync(WorkspaceDbContext db, TimeProvider time, string teamZone)
    {
        if (!await db.SlaPolicy.AnyAsync())
        {
            db.SlaPolicy.AddRange(SlaPolicy.Defaults.Rows());
        }
        if (!await db.ChannelSlaTargets.AnyAsync())
        {
            db.ChannelSlaTargets.AddRange(ChannelSlaTarget.Defaults());
        }
        if (!await db.TeamCalendars.AnyAsync())
        {
            db.TeamCalendars.Add(new TeamCalendar { TimeZone = teamZone });
        }
        if (!await db.Keywords.AnyAsync())
        {
            db.Keywords.AddRange(KeywordTableDefaults.Create());
        }
        if (!await db.ForbiddenPhrases.AnyAsync())
        {
            db.ForbiddenPhrases.AddRange(ForbiddenPhrases.Defaults.Select(p => new ForbiddenPhrase { Phrase = p }));
        }
        if (!await db.Templates.AnyAsync())
        {
            var now = time.GetUtcNow();
            foreach (var draft in DefaultTemplateLibrary.Create())
            {
                var template = new ResponseTemplate { CreatedAt = now };
                TemplateLibrary.AddVersion(template, TemplateForm.From(draft), "system", now);
                db.Templates.Add(template);
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A busy timeout so concurrent writers wait instead of failing with "database is locked".</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(System.Data.Common.DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}
