using AgentWorkspace.Data;
using Microsoft.Data.Sqlite;

namespace AgentWorkspace.Features.Operations;

/// <summary>The files a SQLite workspace consists of, resolved from the app's configuration.</summary>
public sealed record WorkspaceLocations(DatabaseProvider Provider, string Database, string JobDatabase, string Attachments)
{
    /// <summary>The attachment store's folder; nothing writes there until attachments arrive (README).</summary>
    public const string AttachmentsKey = "Workspace:Attachments:Path";

    public static WorkspaceLocations Read(string[] configurationArgs)
    {
        // The same builder the app starts with, so every configuration source and the content root match;
        // no host is built and nothing starts.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs });
        WorkspaceCore.UseRepositoryAppSettings(builder);
        return From(builder.Configuration, builder.Environment.ContentRootPath);
    }

    public static WorkspaceLocations From(IConfiguration configuration, string contentRoot)
    {
        var provider = configuration.GetValue($"{FeatureOptions.Root}:{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", DatabaseProvider.Sqlite);
        var attachments = Path.GetFullPath(Path.Combine(contentRoot, configuration[AttachmentsKey] is { Length: > 0 } configured ? configured : Path.Combine("App_Data", "attachments")));
        if (provider == DatabaseProvider.PostgreSql)
        {
            // The connection string is PostgreSQL's: no files to resolve.
            return new WorkspaceLocations(provider, "", "", attachments);
        }
        var database = SqliteLocation.DatabaseFile(configuration, contentRoot);
        return new WorkspaceLocations(provider, database, SqliteLocation.HangfireFile(configuration, contentRoot), attachments);
    }
}
