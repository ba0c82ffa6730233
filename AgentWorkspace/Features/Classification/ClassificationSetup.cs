using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Classification;

public static class ClassificationSetup
{
    public static void AddClassification(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<ClassificationOptions>(builder.Configuration, "Classification");
        builder.Services.AddSingleton<KeywordTable>();
        builder.Services.AddSingleton<KeywordTableLoader>();
        builder.Services.AddSingleton<INodeCache>(sp => sp.GetRequiredService<KeywordTableLoader>());
        builder.Services.AddSingleton<KeywordTableEditor>();
    }

    public static void MapClassification(this WebApplication app)
    {
        app.MapPost("/api/classify", Classify)
            .RequireAuthorization(AccountsSetup.ConnectorPolicy)
            .RequireScope(ConnectorScopes.Ingest)
            .RequireRateLimiting(SecuritySetup.ApiRateLimitPolicy)
            .WithTags("Connectors")
            .WithSummary("The classification hint for a text, without storing anything.");
    }

    public sealed record ClassifyRequest(string? Text, string? Channel);

    private static Results<Ok<ClassificationResult>, ValidationProblem> Classify(ClassifyRequest? body, KeywordTable keywords, IOptions<Conversations.IngestOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        var channel = Channel.Chat;
        if (MessageText.Error(body?.Text, options.Value.MaxTextLength) is { } textError)
        {
            errors["text"] = [textError];
        }
        if (body?.Channel is { } c && !ChannelNames.TryParse(c, out channel))
        {
            errors["channel"] = [ChannelNames.Unknown(c)];
        }
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(keywords.Current.Classify(body!.Text!, channel));
    }
}

/// <summary>Loads the team lead's keyword table from the database into the live classifier.</summary>
public sealed class KeywordTableLoader(IDbContextFactory<WorkspaceDbContext> dbFactory, KeywordTable table) : INodeCache
{
    public string Name => "keywords";

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Keywords.AsNoTracking().ToListAsync(ct);
        table.Replace(rows);
    }
}
