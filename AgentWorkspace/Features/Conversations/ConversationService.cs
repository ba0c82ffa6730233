using AgentWorkspace.Data;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// One customer message. <paramref name="Vip"/> and <paramref name="Salutation"/>, when given, update the
/// customer; <paramref name="AppointmentAt"/> is a face-to-face conversation's agreed time.
/// </summary>
public sealed record IngestCommand(Channel Channel, string CustomerId, string? CustomerName, string Text, string? ExternalId,
    bool? Vip = null, string? Salutation = null, DateTimeOffset? AppointmentAt = null);

public sealed record IngestResult(int ConversationId, long MessageId, DateTimeOffset? FirstResponseDueAt, ClassificationResult Classification, bool Duplicate);

/// <summary>
/// Every change to a conversation goes through here: it writes the database, records the step on
/// the timeline, then publishes one event. Components, endpoints and jobs call it; none repeat its rules.
/// </summary>
public sealed class ConversationService(
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    KeywordTable keywords,
    TimeProvider time,
    IOptions<WorkspaceOptions> options,
    WorkspaceEvents events,
    IRuleScheduler rules)
{
    private WorkspaceOptions Options => options.Value;

    public async Task<IngestResult> IngestAsync(IngestCommand command, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IngestOnceAsync(command, ct);
            }
            catch (DbUpdateException) when (attempt < MaxChangeAttempts)
            {
                // An agent or a job changed the conversation, or a parallel message created the
                // customer, between our read and our save: read again rather than lose the message.
            }
        }
    }

    private async Task<IngestResult> IngestOnceAsync(IngestCommand command, CancellationToken ct)
    {
        var ingestKey = command.ExternalId is { Length: > 0 } ext ? $"{command.Channel}:{ext}" : null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        if (ingestKey is not null && await FindDuplicateAsync(db, ingestKey, command.Channel, ct) is { } duplicate)
        {
            return duplicate;
        }

        var now = time.GetUtcNow();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.ExternalId == command.CustomerId, ct);
        if (customer is null)
        {
            customer = new Customer { ExternalId = command.CustomerId, Name = command.CustomerName, CreatedAt = now };
            db.Customers.Add(customer);
        }
        else if (!string.IsNullOrWhiteSpace(command.CustomerName))
        {
            customer.Name = command.CustomerName;
        }
        customer.IsVip = command.Vip ?? customer.IsVip;
        customer.Salutation = command.Salutation ?? customer.Salutation;
        // 用户价值 (seed 000 step 2): the hint already carries the VIP's extra level and says why.
        var classification = keywords.Current.Classify(command.Text, command.Channel, customer.IsVip);

        var conversation = customer.Id == 0 ? null : await db.Conversations
            .Include(c => c.Customer)
            .Where(c => c.CustomerId == customer.Id && c.Channel == command.Channel
                && c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);

        var policy = await SlaPolicy.LoadAsync(db, ct);
        var isNew = conversation is null;
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Customer = customer,
                Channel = command.Channel,
                CreatedAt = now,
            };
            ApplyHint(conversation, classification);
            conversation.AppointmentAt = command.AppointmentAt;
            var due = policy.Compute(conversation.Priority, conversation.Channel, now, conversation.Category == Category.Complaint, conversation.AppointmentAt);
            conversation.FirstResponseDueAt = due.FirstResponseDueAt;
            conversation.ResolutionDueAt = due.ResolutionDueAt;
            db.Conversations.Add(conversation);
        }
        else if (conversation.ClassifiedAt is null)
        {
            // Until an agent confirms, the hint follows the conversation; it only ever grows more urgent.
            var merged = classification.Priority < conversation.Priority ? classification : null;
            if (merged is not null)
            {
                ApplyHint(conversation, merged);
                var due = policy.Compute(conversation.Priority, conversation.Channel, conversation.CreatedAt, conversation.Category == Category.Complaint, conversation.AppointmentAt);
                conversation.FirstResponseDueAt = conversation.AppointmentAt ?? Earlier(conversation.FirstResponseDueAt, due.FirstResponseDueAt);
                conversation.ResolutionDueAt = due.ResolutionDueAt;
            }
        }
        if (!isNew && command.AppointmentAt is { } appointment && conversation.FirstRespondedAt is null)
        {
            // A (re)scheduled appointment is the face-to-face conversation's due time.
            conversation.AppointmentAt = appointment;
            conversation.FirstResponseDueAt = appointment;
        }

        conversation.Preview = FirstLine(command.Text);
        conversation.LastCustomerMessageAt = now;
        // The no-response clock runs from the oldest unanswered customer message.
        // Self-service has no agent SLA, so nothing escalates for want of an agent's answer.
        if (conversation.Channel != Channel.SelfService)
        {
            conversation.NoResponseEscalationDueAt ??= now + Options.Escalation.NoResponseAfter;
        }

        var message = new Message
        {
            Conversation = conversation,
            AuthorKind = AuthorKind.Customer,
            AuthorName = customer.Name ?? customer.ExternalId,
            Text = command.Text,
            CreatedAt = now,
            IngestKey = ingestKey,
        };
        db.Messages.Add(message);

        var reportUrgent = isNew && conversation.Priority == Priority.Urgent;
        // The message and its timeline step land together or not at all, so a retry never stores
        // the message twice and the timeline never misses a step.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (ingestKey is not null)
        {
            // A connector's retry raced the first delivery: answer with what the first one stored.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            if (await FindDuplicateAsync(again, ingestKey, command.Channel, ct) is { } first)
            {
                return first;
            }
            throw;
        }

        db.Timeline.Add(Step(conversation.Id, isNew ? "created" : "customer-message", now, customer.Name ?? customer.ExternalId,
            isNew ? $"{conversation.Category}/{conversation.Priority}" : null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await events.MessageAppended(MessageView.From(message));
        await events.ConversationChanged(ConversationSummary.From(conversation));
        rules.Schedule(conversation);
        if (reportUrgent)
        {
            await rules.ReportUrgentAsync(conversation.Id, ct);
        }

        return new IngestResult(conversation.Id, message.Id, conversation.FirstResponseDueAt, classification, Duplicate: false);
    }

    private static async Task<IngestResult?> FindDuplicateAsync(WorkspaceDbContext db, string ingestKey, Channel channel, CancellationToken ct)
    {
        var existing = await db.Messages.AsNoTracking()
            .Where(m => m.IngestKey == ingestKey)
            .Select(m => new { m.Id, m.ConversationId, m.Text, m.Conversation.FirstResponseDueAt })
            .SingleOrDefaultAsync(ct);
        if (existing is null)
        {
            return null;
        }
        var stored = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == existing.ConversationId, ct);
        return new IngestResult(existing.ConversationId, existing.Id, existing.FirstResponseDueAt, StoredClassification(stored), Duplicate: true);
    }

    public static ClassificationResult StoredClassification(Conversation c) => new(
        c.Category,
        c.Topic,
        c.Priority,
        ConversationSummary.SplitList(c.MatchedKeywords),
        c.Ambiguous,
        ConversationSummary.SplitList(c.ClarifyingQuestions),
        c.NeedsCollaboration,
        c.Agitated,
        ClassificationReasons.Read(c.ClassificationReasons));

    private static void ApplyHint(Conversation c, ClassificationResult r)
    {
        c.Category = r.Category;
        c.Topic = r.Topic;
        c.Priority = r.Priority;
        c.MatchedKeywords = string.Join('\n', r.MatchedKeywords);
        c.Ambiguous = r.Ambiguous;
        c.ClarifyingQuestions = string.Join('\n', r.ClarifyingQuestions);
        c.NeedsCollaboration = r.NeedsCollaboration;
        c.Agitated = r.Agitated;
        c.ClassificationReasons = ClassificationReasons.Write(r.Reasons);
        if (r.NeedsCollaboration && c.Status == ConversationStatus.New)
        {
            c.Status = ConversationStatus.AwaitingCollaboration;
        }
    }

    /// <summary>The optional 0–10 answer given with the satisfaction check (seed 001 NPS); the latest answer counts.</summary>
    public Task<ActionOutcome> RecordNpsAsync(int id, int score, CancellationToken ct = default) =>
        ChangeAsync(id, "customer", ct, (c, _) =>
        {
            if (score is < 0 or > 10)
            {
                return ActionOutcome.Rejected("nps-range");
            }
            c.NpsScore = score;
            return ActionOutcome.Done("nps-recorded", score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    // ---- Agent actions -------------------------------------------------------------------

    /// <summary>One click. Two agents at once: the concurrency token lets exactly one win.</summary>
    public Task<ActionOutcome> ClaimAsync(int id, string userName, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ct, (c, now) =>
        {
            if (!c.IsOpen)
            {
                return ActionOutcome.Rejected("conversation-closed");
            }
            if (c.AssigneeUserName is { } owner && owner != userName)
            {
                return ActionOutcome.Conflict(owner);
            }
            if (c.AssigneeUserName == userName)
            {
                return ActionOutcome.Unchanged;
            }
            c.AssigneeUserName = userName;
            c.ClaimedAt = now;
            if (c.Status == ConversationStatus.New)
            {
                c.Status = ConversationStatus.Open;
            }
            return ActionOutcome.Done("claimed");
        });

    /// <summary>Confirms the hint (null arguments) or corrects it; time to classify is recorded once.</summary>
    public Task<ActionOutcome> ConfirmClassificationAsync(int id, string userName, Category? category = null, Priority? priority = null, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ct, async (c, now, db) =>
        {
            if (c.ClassifiedAt is not null && category is null && priority is null)
            {
                return ActionOutcome.Unchanged;
            }
            if (category is { } cat)
            {
                c.Category = cat;
                if (cat != Category.Unclassified)
                {
                    c.NeedsCollaboration = false;
                    if (c.Status == ConversationStatus.AwaitingCollaboration)
                    {
                        c.Status = c.AssigneeUserName is null ? ConversationStatus.New : ConversationStatus.Open;
                    }
                }
            }
            if (priority is { } p && p != c.Priority)
            {
                await ApplyPriorityAsync(db, c, p, ct);
            }
            if (c.ClassifiedAt is null)
            {
                c.ClassifiedAt = now;
                c.ClassifiedBy = userName;
                c.SecondsToClassify = (now - c.CreatedAt).TotalSeconds;
            }
            return ActionOutcome.Done(category is null && priority is null ? "classification-confirmed" : "classification-corrected");
        }, classificationEvent: true);

    /// <summary>Nobody confirmed within the window: the hint stands, marked auto-accepted.</summary>
    public Task<ActionOutcome> AutoAcceptClassificationAsync(int id, CancellationToken ct = default) =>
        ChangeAsync(id, "system", ct, (c, now) =>
        {
            var deadline = c.CreatedAt + Options.Classification.ConfirmWithin;
            if (c.ClassifiedAt is not null || now < deadline)
            {
                return ActionOutcome.Unchanged;
            }
            c.ClassifiedAt = deadline;
            c.ClassifiedBy = "system";
            c.ClassificationAutoAccepted = true;
            c.SecondsToClassify = Options.Classification.ConfirmWithin.TotalSeconds;
            return ActionOutcome.Done("classification-auto-accepted");
        }, classificationEvent: true);

    public Task<ActionOutcome> ChangePriorityAsync(int id, string userName, Priority priority, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ct, async (c, now, db) =>
        {
            if (c.Priority == priority)
            {
                return ActionOutcome.Unchanged;
            }
            await ApplyPriorityAsync(db, c, priority, ct);
            return ActionOutcome.Done("priority-changed", priority.ToString());
        });

    private async Task ApplyPriorityAsync(WorkspaceDbContext db, Conversation c, Priority priority, CancellationToken ct)
    {
        c.Priority = priority;
        var due = (await SlaPolicy.LoadAsync(db, ct)).Compute(priority, c.Channel, c.CreatedAt, c.Category == Category.Complaint, c.AppointmentAt);
        if (c.FirstRespondedAt is null)
        {
            c.FirstResponseDueAt = due.FirstResponseDueAt;
        }
        c.ResolutionDueAt = due.ResolutionDueAt;
    }

    /// <summary>Delivers a reply: records the first response, stops the SLA clock and the no-response clock.</summary>
    public Task<ActionOutcome> ReplyAsync(int id, string userName, string? authorName, string text, int? templateVersionId = null, CancellationToken ct = default)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Task.FromResult(ActionOutcome.Rejected("reply-empty"));
        }
        if (text.Length > Options.Ingest.MaxTextLength)
        {
            return Task.FromResult(ActionOutcome.Rejected("reply-too-long"));
        }
        return ChangeAsync(id, userName, ct, async (c, now, db) =>
        {
            if (c.Status == ConversationStatus.Closed)
            {
                return ActionOutcome.Rejected("conversation-closed");
            }
            var message = new Message { ConversationId = c.Id, AuthorKind = AuthorKind.Agent, AuthorName = authorName ?? userName, Text = text, CreatedAt = now };
            db.Messages.Add(message);
            if (c.FirstRespondedAt is null)
            {
                c.FirstRespondedAt = now;
                c.FirstResponseBreached = c.FirstResponseDueAt is { } due && now > due;
            }
            c.LastAgentMessageAt = now;
            c.NoResponseEscalationDueAt = null;
            c.AssigneeUserName ??= userName;
            c.ClaimedAt ??= now;
            if (c.Status == ConversationStatus.New)
            {
                c.Status = ConversationStatus.Open;
            }
            if (templateVersionId is { } versionId && await db.TemplateVersions.FindAsync([versionId], ct) is { } version)
            {
                c.LastTemplateVersionId = versionId;
                db.TemplateUsages.Add(new Templates.TemplateUsage { TemplateId = version.TemplateId, TemplateVersionId = versionId, ConversationId = c.Id, UsedBy = userName, UsedAt = now });
                await db.Templates.Where(t => t.Id == version.TemplateId).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsageCount, t => t.UsageCount + 1), ct);
            }
            return ActionOutcome.Done("agent-reply", message: message);
        });
    }

    public Task<ActionOutcome> ResolveAsync(int id, string userName, string? resolution = null, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ct, (c, now) =>
        {
            if (!c.IsOpen)
            {
                return ActionOutcome.Unchanged;
            }
            c.Status = ConversationStatus.Resolved;
            c.ResolvedAt = now;
            c.ResolvedBy = userName;
            c.Resolution = string.IsNullOrWhiteSpace(resolution) ? c.Resolution : resolution.Trim();
            c.ResolveCount++;
            c.NoResponseEscalationDueAt = null;
            c.NextCustomerUpdateDueAt = null;
            c.SatisfactionCheckDueAt = now + Options.SatisfactionCheck.Delay;
            c.SatisfactionCheckSentAt = null;
            c.Satisfaction = null;
            return ActionOutcome.Done("resolved", c.Resolution);
        });

    public Task<ActionOutcome> ReopenAsync(int id, string userName, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ct, (c, now) =>
        {
            if (c.IsOpen)
            {
                return ActionOutcome.Unchanged;
            }
            c.Status = ConversationStatus.Open;
            c.ResolvedAt = null;
            c.ClosedAt = null;
            // Reopened before the delay: the satisfaction check must not go out.
            c.SatisfactionCheckDueAt = null;
            return ActionOutcome.Done("reopened");
        });

    public async Task<ActionOutcome> OpenCollaborationTicketAsync(int id, string userName, CollaborationTicketDraft draft, CancellationToken ct = default)
    {
        if (draft.Validate() is { } error)
        {
            return ActionOutcome.Rejected(error);
        }
        return await ChangeAsync(id, userName, ct, (c, now, db) =>
        {
            if (!c.IsOpen)
            {
                return Task.FromResult(ActionOutcome.Rejected("conversation-closed"));
            }
            db.CollaborationTickets.Add(new CollaborationTicket
            {
                ConversationId = c.Id,
                Department = draft.Department.Trim(),
                ResponsiblePerson = draft.ResponsiblePerson.Trim(),
                Description = draft.Description.Trim(),
                CustomerDetails = draft.CustomerDetails?.Trim(),
                ExpectedBy = draft.ExpectedBy,
                CreatedAt = now,
                CreatedBy = userName,
                FeedbackDueAt = now + Options.Escalation.CollaborationNoFeedbackAfter,
            });
            c.Status = ConversationStatus.AwaitingCollaboration;
            return Task.FromResult(ActionOutcome.Done("collaboration-opened", $"{draft.Department} · {draft.ResponsiblePerson}"));
        });
    }

    // ---- Plumbing ------------------------------------------------------------------------

    private Task<ActionOutcome> ChangeAsync(int id, string actor, CancellationToken ct, Func<Conversation, DateTimeOffset, ActionOutcome> change, bool classificationEvent = false) =>
        ChangeAsync(id, actor, ct, (c, now, _) => Task.FromResult(change(c, now)), classificationEvent);

    /// <summary>
    /// Load, apply, save under the concurrency token, record the step, publish. When another
    /// writer (a job, a colleague) changed the conversation in between, the change is applied
    /// again to the fresh row, so every rule it checks (who owns it, is it still open) sees the
    /// winner's state: a lost claim becomes a conflict naming the winner, never an overwrite, and
    /// a resolve that merely raced a job is not lost.
    /// </summary>
    internal async Task<ActionOutcome> ChangeAsync(int id, string actor, CancellationToken ct,
        Func<Conversation, DateTimeOffset, WorkspaceDbContext, Task<ActionOutcome>> change, bool classificationEvent = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await db.Conversations.Include(c => c.Customer).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conversation is null)
            {
                return ActionOutcome.NotFound;
            }
            var now = time.GetUtcNow();
            var outcome = await change(conversation, now, db);
            if (outcome.Kind != ActionKind.Done)
            {
                return outcome;
            }
            db.Timeline.Add(Step(id, outcome.Step!, now, actor, outcome.Detail));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxChangeAttempts)
            {
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                var winner = await fresh.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => c.AssigneeUserName).SingleOrDefaultAsync(ct);
                return ActionOutcome.Conflict(winner ?? "");
            }
            return await PublishAsync(conversation, outcome, classificationEvent);
        }
    }

    private async Task<ActionOutcome> PublishAsync(Conversation conversation, ActionOutcome outcome, bool classificationEvent)
    {
        var summary = ConversationSummary.From(conversation);
        if (outcome.Message is { } message)
        {
            await events.MessageAppended(MessageView.From(message));
        }
        if (classificationEvent)
        {
            await events.ClassificationConfirmed(summary);
        }
        else
        {
            await events.ConversationChanged(summary);
        }
        rules.Schedule(conversation);
        return outcome with { Conversation = summary };
    }

    private const int MaxChangeAttempts = 5;

    internal static TimelineEntry Step(int conversationId, string kind, DateTimeOffset at, string actor, string? detail = null, string? ruleKey = null) =>
        new() { ConversationId = conversationId, Kind = kind, At = at, Actor = actor, Detail = detail, RuleKey = ruleKey };

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is { } x && b is { } y ? (x < y ? x : y) : a ?? b;

    internal static string FirstLine(string text)
    {
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }
        return line.Length > 120 ? string.Concat(line[..119], "…") : line.ToString();
    }
}

public enum ActionKind
{
    Done,
    Unchanged,
    NotFound,
    Conflict,
    Rejected,
}

/// <summary>What an action did. <see cref="Reason"/> is a resource key the UI shows in the user's language.</summary>
public sealed record ActionOutcome(ActionKind Kind, string? Step = null, string? Detail = null, string? Reason = null, string? ConflictWith = null)
{
    public ConversationSummary? Conversation { get; init; }
    internal Message? Message { get; init; }

    public bool Succeeded => Kind is ActionKind.Done or ActionKind.Unchanged;

    public static readonly ActionOutcome Unchanged = new(ActionKind.Unchanged);
    public static readonly ActionOutcome NotFound = new(ActionKind.NotFound, Reason: "conversation-not-found");
    public static ActionOutcome Done(string step, string? detail = null, Message? message = null) => new(ActionKind.Done, step, detail) { Message = message };
    public static ActionOutcome Conflict(string winner) => new(ActionKind.Conflict, Reason: "claimed-by-other", ConflictWith: winner);
    public static ActionOutcome Rejected(string reason) => new(ActionKind.Rejected, Reason: reason);
}

public sealed record CollaborationTicketDraft(string Department, string ResponsiblePerson, string Description, string? CustomerDetails, DateTimeOffset ExpectedBy)
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Department) ? "ticket-department-required"
        : string.IsNullOrWhiteSpace(ResponsiblePerson) ? "ticket-person-required"
        : string.IsNullOrWhiteSpace(Description) ? "ticket-description-required"
        : Description.Length > 2000 ? "ticket-description-too-long"
        : null;
}
