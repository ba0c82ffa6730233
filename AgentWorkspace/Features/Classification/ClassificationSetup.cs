using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Classification;

public static class ClassificationSetup
{
    public static void AddClassification(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeywordTable>();
        builder.Services.AddSingleton<KeywordTableLoader>();
        builder.Services.AddSingleton<KeywordTableEditor>();
    }

    public static void MapClassification(this WebApplication app)
    {
        app.MapPost("/api/classify", Classify)
            .RequireAuthorization(AccountsSetup.ConnectorPolicy)
            .WithTags("Connectors")
            .WithSummary("The classification hint for a text, without storing anything.");
    }

    public sealed record ClassifyRequest(string? Text, string? Channel);

    private static Results<Ok<ClassificationResult>, ValidationProblem> Classify(ClassifyRequest? body, KeywordTable keywords, IOptions<WorkspaceOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        var channel = Channel.Chat;
        if (body is null || string.IsNullOrWhiteSpace(body.Text))
        {
            errors["text"] = ["text is required and must not be empty."];
        }
        else if (body.Text.Length > options.Value.Ingest.MaxTextLength)
        {
            errors["text"] = [$"text is longer than {options.Value.Ingest.MaxTextLength} characters."];
        }
        if (body?.Channel is { } c && (!Enum.TryParse(c, ignoreCase: true, out channel) || !Enum.IsDefined(channel) || int.TryParse(c, out _)))
        {
            errors["channel"] = [$"Unknown channel '{c}'. Use Phone, Email, Chat, Social, InPerson or SelfService."];
        }
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(keywords.Current.Classify(body!.Text!, channel));
    }
}

/// <summary>Loads the team lead's keyword table from the database into the live classifier.</summary>
public sealed class KeywordTableLoader(IDbContextFactory<WorkspaceDbContext> dbFactory, KeywordTable table)
{
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Keywords.AsNoTracking().ToListAsync(ct);
        table.Replace(rows);
    }
}
