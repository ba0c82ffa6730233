using System.Text.Json;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Conversations;

/// <summary>The connector API: how channels deliver customer messages, and read a conversation back.</summary>
public static class ConversationApi
{
    public static void MapConversationApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AccountsSetup.ConnectorPolicy).RequireRateLimiting(SecuritySetup.ApiRateLimitPolicy).WithTags("Connectors");
        api.MapPost("/messages", PostMessage)
            .RequireScope(ConnectorScopes.Ingest)
            .Accepts<IngestRequestDoc>("application/json")
            .Produces<IngestResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithSummary("Deliver one customer message from a channel connector.");
        api.MapGet("/conversations/{id:int}", GetConversation).RequireScope(ConnectorScopes.Read).WithSummary("A conversation with its messages, rules fired and timeline.");
        api.MapPost("/conversations/{id:int}/satisfaction", PostSatisfaction)
            .RequireScope(ConnectorScopes.Satisfaction)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The customer's answer to the satisfaction check (满意/不满意/未解决); 409 when no check of the current resolution awaits it.");
        api.MapPost("/tickets/{id:int}/feedback", PostTicketFeedback)
            .RequireScope(ConnectorScopes.Tickets)
            .ProducesValidationProblem()
            .WithSummary("A department's answer to a collaboration ticket (问题协同单): stops its escalation and tells the conversation's owner.");
    }

    private static async Task<Results<Created<IngestResponse>, Ok<IngestResponse>, ValidationProblem>> PostMessage(
        HttpRequest request, ConversationService conversations, IOptions<IngestOptions> options, CancellationToken ct)
    {
        var parsed = await IngestRequest.ParseAsync(request, options.Value.MaxTextLength, ct);
        if (parsed.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The message was not accepted; nothing was stored.");
        }
        var result = await conversations.IngestAsync(parsed.Command!, ct);
        var body = new IngestResponse(result.ConversationId, result.MessageId, result.FirstResponseDueAt, result.Classification, result.Duplicate);
        return result.Duplicate
            ? TypedResults.Ok(body)
            : TypedResults.Created($"/api/conversations/{result.ConversationId}", body);
    }

    private static async Task<Results<Ok<ConversationDetails>, NotFound>> GetConversation(int id, ConversationQueries queries, CancellationToken ct) =>
        await queries.DetailsAsync(id, ct) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();

    private static async Task<Results<Ok<ConversationSummary>, NotFound, ValidationProblem, ProblemHttpResult>> PostSatisfaction(
        int id, SatisfactionRequest body, ConversationService conversations, CancellationToken ct)
    {
        if (SatisfactionRequest.Parse(body.Answer) is not { } answer)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answer"] = ["answer must be 满意, 不满意 or 未解决 (or Satisfied, Unsatisfied, Unresolved)."] });
        }
        if (body.Nps is < 0 or > 10)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nps"] = ["nps is optional and, when given, a whole number from 0 to 10."] });
        }
        var outcome = await conversations.AnswerSatisfactionAsync(id, answer, ct);
        if (outcome.Kind == ActionKind.Done && body.Nps is { } nps)
        {
            outcome = await conversations.RecordNpsAsync(id, nps, ct) is { Kind: ActionKind.Done } recorded ? recorded : outcome;
        }
        return outcome.Kind switch
        {
            ActionKind.NotFound => TypedResults.NotFound(),
            ActionKind.Rejected => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No satisfaction check awaits an answer.",
                detail: "The conversation is not resolved with a satisfaction check pending (it was reopened, not yet asked, or already answered); nothing was stored."),
            _ => TypedResults.Ok(outcome.Conversation!),
        };
    }

    private static async Task<Results<Ok<TicketView>, NotFound, ValidationProblem>> PostTicketFeedback(
        int id, TicketFeedbackRequest? body, ConversationService conversations, ConversationQueries queries, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Feedback))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["feedback"] = ["feedback is required and must not be empty."] }, title: "The feedback was not accepted; nothing was stored.");
        }
        if (body.Feedback.Trim().Length > ConversationService.MaxFeedbackLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["feedback"] = [$"feedback is longer than {ConversationService.MaxFeedbackLength} characters."] }, title: "The feedback was not accepted; nothing was stored.");
        }
        if (body.By is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = ["by is longer than 100 characters."] }, title: "The feedback was not accepted; nothing was stored.");
        }
        var outcome = await conversations.RecordTicketFeedbackAsync(id, body.By ?? "", body.Feedback, ct);
        if (outcome.Kind == ActionKind.NotFound)
        {
            return TypedResults.NotFound();
        }
        return await queries.TicketAsync(id, ct) is { } ticket ? TypedResults.Ok(ticket) : TypedResults.NotFound();
    }
}

public sealed record IngestResponse(int ConversationId, long MessageId, DateTimeOffset? FirstResponseDueAt, ClassificationResult Classification, bool Duplicate);

/// <summary>For the OpenAPI document only; the body is parsed by hand so every error names its field.</summary>
public sealed record IngestRequestDoc(string Channel, string CustomerId, string? CustomerName, string Text, string? ExternalId, bool? Vip, string? Salutation, DateTimeOffset? AppointmentAt);

/// <summary>The customer's 满意/不满意/未解决, and optionally the 0–10 recommendation score (NPS).</summary>
public sealed record SatisfactionRequest(string? Answer, int? Nps = null)
{
    public static SatisfactionAnswer? Parse(string? answer) =>
        SatisfactionAnswers.Parse(answer)
        ?? (Enum.TryParse<SatisfactionAnswer>(answer?.Trim(), ignoreCase: true, out var a) && Enum.IsDefined(a) && !int.TryParse(answer, out _) ? a : null);
}

/// <summary>A department's answer, e.g. <c>{"feedback": "已修复", "by": "技术部·张工"}</c>.</summary>
public sealed record TicketFeedbackRequest(string? Feedback, string? By);

public static class IngestRequest
{
    public const int MaxCustomerIdLength = 128;
    public const int MaxNameLength = 100;
    public const int MaxExternalIdLength = 200;

    public sealed record Parsed(IngestCommand? Command, Dictionary<string, string[]>? Errors);

    public static async Task<Parsed> ParseAsync(HttpRequest request, int maxTextLength, CancellationToken ct)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return Fail("body", $"The body is not valid JSON: {ex.Message}");
        }
        using (doc)
        {
            try
            {
                return Parse(doc.RootElement, maxTextLength);
            }
            catch (InvalidOperationException)
            {
                // A property name that is not valid UTF-8.
                return Fail("body", "The body is not valid UTF-8 JSON.");
            }
        }
    }

    /// <summary>The rule for a customer's text wherever it comes in: present, and not over the limit.</summary>

    public static Parsed Parse(JsonElement root, int maxTextLength)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("body", "The body must be a JSON object.");
        }
        var errors = new Dictionary<string, string[]>();
        var channelText = ReadString(root, "channel", errors);
        var customerId = ReadString(root, "customerId", errors)?.Trim();
        var customerName = ReadString(root, "customerName", errors)?.Trim();
        var text = ReadString(root, "text", errors);
        var externalId = ReadString(root, "externalId", errors)?.Trim();
        var vip = ReadBool(root, "vip", errors);
        var salutation = ReadString(root, "salutation", errors)?.Trim();
        var appointmentText = ReadString(root, "appointmentAt", errors)?.Trim();

        Channel channel = default;
        if (channelText is null)
        {
            errors.TryAdd("channel", [$"channel is required: {ChannelNames.Choices}."]);
        }
        else if (!ChannelNames.TryParse(channelText, out channel))
        {
            errors.TryAdd("channel", [ChannelNames.Unknown(channelText)]);
        }
        if (string.IsNullOrEmpty(customerId))
        {
            errors.TryAdd("customerId", ["customerId is required."]);
        }
        else if (customerId.Length > MaxCustomerIdLength)
        {
            errors.TryAdd("customerId", [$"customerId is longer than {MaxCustomerIdLength} characters."]);
        }
        if (customerName is { Length: > MaxNameLength })
        {
            errors.TryAdd("customerName", [$"customerName is longer than {MaxNameLength} characters."]);
        }
        if (MessageText.Error(text, maxTextLength) is { } textError)
        {
            errors.TryAdd("text", [textError]);
        }
        if (externalId is { Length: > MaxExternalIdLength })
        {
            errors.TryAdd("externalId", [$"externalId is longer than {MaxExternalIdLength} characters."]);
        }
        if (salutation is { Length: > 0 } && !Salutations.IsValid(salutation))
        {
            errors.TryAdd("salutation", ["salutation must be 先生 or 女士."]);
        }
        DateTimeOffset? appointmentAt = null;
        if (appointmentText is { Length: > 0 })
        {
            if (!IsoInstant(appointmentText, out var at))
            {
                errors.TryAdd("appointmentAt", ["appointmentAt must be an ISO 8601 date and time with its offset, e.g. 2026-12-02T14:00:00+08:00."]);
            }
            else if (channelText is not null && channel != Channel.InPerson)
            {
                errors.TryAdd("appointmentAt", ["appointmentAt applies only to InPerson (face-to-face) conversations."]);
            }
            else
            {
                appointmentAt = at;
            }
        }
        return errors.Count > 0
            ? new Parsed(null, errors)
            : new Parsed(new IngestCommand(channel, customerId!, string.IsNullOrEmpty(customerName) ? null : customerName, text!.Trim(), string.IsNullOrEmpty(externalId) ? null : externalId,
                vip, string.IsNullOrEmpty(salutation) ? null : salutation, appointmentAt), null);
    }

    private static string? ReadString(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    try
                    {
                        return property.Value.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        // The bytes of this value are not valid UTF-8.
                        errors.TryAdd(name, [$"{name} is not valid UTF-8 text."]);
                        return null;
                    }
                case JsonValueKind.Number when name is "customerId" or "externalId":
                    return property.Value.GetRawText();
                case JsonValueKind.Null:
                    return null;
                default:
                    errors.TryAdd(name, [$"{name} must be a string."]);
                    return null;
            }
        }
        return null;
    }

    /// <summary>ISO 8601 with an explicit offset or Z: an appointment without one names no instant.</summary>
    private static bool IsoInstant(string text, out DateTimeOffset at)
    {
        at = default;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at);
    }

    private static bool? ReadBool(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Null:
                    return null;
                default:
                    errors.TryAdd(name, [$"{name} must be true or false."]);
                    return null;
            }
        }
        return null;
    }

    private static Parsed Fail(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
}
