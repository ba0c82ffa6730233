using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Sla;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// One customer message. <paramref name="Vip"/> and <paramref name="Salutation"/>, when given, update the
/// customer; <paramref name="AppointmentAt"/> is a face-to-face conversation's agreed time.
/// </summary>
public sealed record IngestCommand(Channel Channel, string CustomerId, string? CustomerName, string Text, string? ExternalId,
    bool? Vip = null, string? Salutation = null, DateTimeOffset? AppointmentAt = null);

public sealed record IngestResult(int ConversationId, long MessageId, DateTimeOffset? FirstResponseDueAt, ClassificationResult Classification, bool Duplicate);

/// <summary>
/// The one writer of conversation rows: ingest, agents' and supervisors' actions, the rules' firings,
/// /chat and the API all change a conversation here. Each change writes the database, records its step
/// on the timeline, then publishes its events; none of the callers repeat its rules.
/// Hand-offs between people live in ConversationService.HandOffs.cs.
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    KeywordTable keywords,
    TimeProvider time,
    WriterSettings settings,
    IConversationEvents events,
    IRuleScheduler rules,
    IAssignmentSignals assignment,
    ILogger<ConversationService> logger)
{
    private WriterSettings Options => settings;

    public async Task<IngestResult> IngestAsync(IngestCommand command, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IngestOnceAsync(command, ct);
            }
            catch (DbUpdateException) when (attempt < MaxIngestAttempts)
            {
                // An agent or a job changed the conversation, or a parallel message created the
                // customer, between our read and our save: read again rather than lose the message.
                // A customer who sends a burst of lines makes every line race the others; a short,
                // growing, random pause lets them land one after another instead of colliding again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), ct);
            }
        }
    }

    private const int MaxIngestAttempts = 12;

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
            .WhereOpen()
            .Where(c => c.CustomerId == customer.Id && c.Channel == command.Channel)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);

        // A customer who types 满意 / 不满意 / 没解决 while a check awaits them answers it, on any channel,
        // instead of opening a new conversation with one word in it.
        if (conversation is null && customer.Id != 0 && SatisfactionAnswers.Parse(command.Text) is { } typed
            && await PendingSatisfactionCheckAsync(db, customer.Id, command.Channel, ct) is { } pendingId)
        {
            var answered = await AnswerSatisfactionAsync(pendingId, typed, command.Text, ingestKey, ct);
            if (answered.Kind == ActionKind.Done && answered.Message is { } stored)
            {
                return new IngestResult(pendingId, stored.Id, answered.FirstResponseDueAt ?? now, keywords.Current.Classify(command.Text, command.Channel), Duplicate: false);
            }
        }

        var policy = await SlaPolicy.LoadAsync(db, ct);
        var isNew = conversation is null;
        var previousAssignee = conversation?.AssigneeUserName;
        var wasUrgent = conversation?.Priority == Priority.Urgent;
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
        if (!wasUrgent && conversation.Priority == Priority.Urgent)
        {
            MarkUrgent(conversation, now);
        }

        var message = new Message
        {
            Conversation = conversation,
            AuthorKind = AuthorKind.Customer,
            AuthorName = customer.DisplayName,
            Text = command.Text,
            CreatedAt = now,
            IngestKey = ingestKey,
        };
        db.Messages.Add(message);

        // The message, its timeline step and any review request land together or not at all, so a
        // retry never stores the message twice and the timeline never misses a step.
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

        var change = new ConversationChange(db, conversation, now, customer.DisplayName, Options);
        change.Step(isNew ? "created" : "customer-message", isNew ? $"{conversation.Category}/{conversation.Priority}" : null);
        // SPEC §3: text that fits no category, or is too complex to guess, goes to 李姐 as 待协同.
        if (conversation.NeedsCollaboration && conversation.ClassifiedAt is null && conversation.ReviewRequestedAt is null)
        {
            var review = change.Escalate(EscalationReason.NeedsReview);
            change.Step(review.Step!, review.Detail, actor: "system");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        change.Messages.Add(message);
        await PublishAsync(change, ActionOutcome.Done(isNew ? "created" : "customer-message"), classificationEvent: false, previousAssignee);
        await ReportUrgentIfDueAsync(conversation, ct);

        return new IngestResult(conversation.Id, message.Id, conversation.FirstResponseDueAt, classification, Duplicate: false);
    }

    private static async Task<int?> PendingSatisfactionCheckAsync(WorkspaceDbContext db, int customerId, Channel channel, CancellationToken ct) =>
        await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Status == ConversationStatus.Resolved && c.SatisfactionCheckSentAt != null && c.Satisfaction == null)
            .OrderByDescending(c => c.Channel == channel).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);

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

    /// <summary>SPEC §4: each time a conversation becomes urgent, 李姐 is told once. The due column survives a crash.</summary>
    private static void MarkUrgent(Conversation c, DateTimeOffset now)
    {
        c.UrgentCount++;
        c.UrgentReportDueAt = now;
    }

    /// <summary>Reports at once; if that fails (or the process dies first) the due column is still there for the sweep.</summary>
    private async Task ReportUrgentIfDueAsync(Conversation c, CancellationToken ct)
    {
        if (c.UrgentReportDueAt is null)
        {
            return;
        }
        try
        {
            await rules.FireNowAsync(RuleKind.UrgentReport, c.Id, this, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Urgent report for conversation {Id} failed; the rule sweep reports it", c.Id);
        }
    }

    /// <summary>The optional 0–10 answer given with the satisfaction check (seed 001 NPS); the latest answer counts.</summary>
    public Task<ActionOutcome> RecordNpsAsync(int id, int score, CancellationToken ct = default) =>
        ChangeAsync(id, "customer", ChangeRules.Anyone, x =>
        {
            if (score is < 0 or > 10)
            {
                return ActionOutcome.Rejected("nps-range");
            }
            x.Conversation.NpsScore = score;
            return ActionOutcome.Done("nps-recorded", score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }, ct);

    // ---- Agent actions -------------------------------------------------------------------

    /// <summary>One click. Two agents at once: the concurrency token lets exactly one win.</summary>
    public Task<ActionOutcome> ClaimAsync(int id, string userName, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ChangeRules.Anyone, x =>
        {
            var c = x.Conversation;
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
            c.ClaimedAt = x.Now;
            if (c.Status == ConversationStatus.New)
            {
                c.Status = ConversationStatus.Open;
            }
            return ActionOutcome.Done("claimed");
        }, ct);

    /// <summary>Confirms the hint (null arguments) or corrects it; time to classify is recorded once.</summary>
    public Task<ActionOutcome> ConfirmClassificationAsync(int id, string userName, Category? category = null, Priority? priority = null, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ChangeRules.Owner with { ClassificationEvent = true }, async x =>
        {
            var c = x.Conversation;
            if (c.ClassifiedAt is not null && category is null && priority is null && c.ReviewRequestedAt is null)
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
                await ApplyPriorityAsync(x.Db, c, p, ct);
            }
            if (c.ClassifiedAt is null)
            {
                c.ClassifiedAt = x.Now;
                c.ClassifiedBy = userName;
                c.SecondsToClassify = (x.Now - c.CreatedAt).TotalSeconds;
            }
            // A 待协同 request is answered once someone classifies the conversation.
            await CloseEscalationsAsync(x, e => e.Reason == EscalationReason.NeedsReview, ct);
            return ActionOutcome.Done(category is null && priority is null ? "classification-confirmed" : "classification-corrected");
        }, ct);

    public Task<ActionOutcome> ChangePriorityAsync(int id, string userName, Priority priority, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ChangeRules.Owner, async x =>
        {
            if (x.Conversation.Priority == priority)
            {
                return ActionOutcome.Unchanged;
            }
            await ApplyPriorityAsync(x.Db, x.Conversation, priority, ct);
            return ActionOutcome.Done("priority-changed", priority.ToString());
        }, ct);

    private static async Task ApplyPriorityAsync(WorkspaceDbContext db, Conversation c, Priority priority, CancellationToken ct)
    {
        c.Priority = priority;
        var due = (await SlaPolicy.LoadAsync(db, ct)).Compute(priority, c.Channel, c.CreatedAt, c.Category == Category.Complaint, c.AppointmentAt);
        if (c.FirstRespondedAt is null)
        {
            c.FirstResponseDueAt = due.FirstResponseDueAt;
        }
        c.ResolutionDueAt = due.ResolutionDueAt;
    }

    /// <summary>Delivers a reply: records the first response, stops the SLA clock and the no-response clock. Claims an unclaimed conversation.</summary>
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
        return ChangeAsync(id, userName, ChangeRules.Owner, async x =>
        {
            var c = x.Conversation;
            if (c.Status == ConversationStatus.Closed)
            {
                return ActionOutcome.Rejected("conversation-closed");
            }
            var message = x.Say(AuthorKind.Agent, authorName ?? userName, text);
            if (c.FirstRespondedAt is null)
            {
                c.FirstRespondedAt = x.Now;
                c.FirstResponseBreached = c.FirstResponseDueAt is { } due && x.Now > due;
            }
            c.LastAgentMessageAt = x.Now;
            c.NoResponseEscalationDueAt = null;
            c.AssigneeUserName ??= userName;
            c.ClaimedAt ??= x.Now;
            if (c.Status == ConversationStatus.New)
            {
                c.Status = ConversationStatus.Open;
            }
            if (c.Status == ConversationStatus.SecondHandling)
            {
                // 王姐's solution reached the customer: her 24 hours are kept.
                c.SecondHandlingRepliedAt ??= x.Now;
            }
            // Usage is counted from these rows (one per reply), so a retried change cannot count twice.
            if (templateVersionId is { } versionId && await x.Db.TemplateVersions.FindAsync([versionId], ct) is { } version)
            {
                c.LastTemplateVersionId = versionId;
                x.Db.TemplateUsages.Add(new Templates.TemplateUsage { TemplateId = version.TemplateId, TemplateVersionId = versionId, ConversationId = c.Id, UsedBy = userName, UsedAt = x.Now });
            }
            return ActionOutcome.Done("agent-reply", message: message);
        }, ct);
    }

    /// <summary>Resolves with an optional resolution note (seed 000 四.2); its open escalations close with it.</summary>
    public Task<ActionOutcome> ResolveAsync(int id, string userName, string? resolution = null, CancellationToken ct = default)
    {
        if (resolution is { Length: > MaxNoteLength })
        {
            return Task.FromResult(ActionOutcome.Rejected("resolution-too-long"));
        }
        return ChangeAsync(id, userName, ChangeRules.Owner, async x =>
        {
            var c = x.Conversation;
            if (!c.IsOpen)
            {
                return ActionOutcome.Unchanged;
            }
            c.Status = ConversationStatus.Resolved;
            c.ResolvedAt = x.Now;
            c.ResolvedBy = userName;
            c.Resolution = string.IsNullOrWhiteSpace(resolution) ? c.Resolution : resolution.Trim();
            c.ResolveCount++;
            c.NoResponseEscalationDueAt = null;
            c.NextCustomerUpdateDueAt = null;
            c.SatisfactionCheckDueAt = x.Now + Options.SatisfactionCheck.Delay;
            c.SatisfactionCheckSentAt = null;
            c.Satisfaction = null;
            await CloseEscalationsAsync(x, _ => true, ct, keepEscalatedMark: true);
            return ActionOutcome.Done("resolved", c.Resolution);
        }, ct);
    }

    /// <summary>Reopening ends the resolution: its satisfaction check is no longer asked or answered.</summary>
    public Task<ActionOutcome> ReopenAsync(int id, string userName, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ChangeRules.Owner, x =>
        {
            var c = x.Conversation;
            if (c.IsOpen)
            {
                return ActionOutcome.Unchanged;
            }
            c.Status = ConversationStatus.Open;
            c.ResolvedAt = null;
            c.ClosedAt = null;
            c.SatisfactionCheckDueAt = null;
            return ActionOutcome.Done("reopened");
        }, ct);

    public async Task<ActionOutcome> OpenCollaborationTicketAsync(int id, string userName, CollaborationTicketDraft draft, CancellationToken ct = default)
    {
        if (draft.Validate() is { } error)
        {
            return ActionOutcome.Rejected(error);
        }
        return await ChangeAsync(id, userName, ChangeRules.Anyone, async x =>
        {
            var c = x.Conversation;
            if (!c.IsOpen)
            {
                return ActionOutcome.Rejected("conversation-closed");
            }
            var ticket = new CollaborationTicket
            {
                ConversationId = c.Id,
                Department = draft.Department.Trim(),
                ResponsiblePerson = draft.ResponsiblePerson.Trim(),
                Description = draft.Description.Trim(),
                CustomerDetails = draft.CustomerDetails?.Trim(),
                ExpectedBy = draft.ExpectedBy,
                CreatedAt = x.Now,
                CreatedBy = userName,
                FeedbackDueAt = x.Now + Options.Escalation.CollaborationNoFeedbackAfter,
            };
            x.Db.CollaborationTickets.Add(ticket);
            // Its 1-hour escalation is timed from now, not left to the sweep.
            x.Schedule(ticket);
            c.Status = ConversationStatus.AwaitingCollaboration;
            // @lijie in the ticket's description tells her live and lists it under 我的提及 (issue #15).
            await NotifyMentionsAsync(x, draft.Description, MentionSource.Ticket, ct);
            return ActionOutcome.Done("collaboration-opened", $"{draft.Department} · {draft.ResponsiblePerson}");
        }, ct);
    }

    // ---- Plumbing ------------------------------------------------------------------------

    /// <summary>How a change is guarded and announced.</summary>
    internal sealed record ChangeRules(bool OwnerOnly = false, bool ClassificationEvent = false, bool RuleFiring = false)
    {
        public static readonly ChangeRules Anyone = new();

        /// <summary>SPEC: only the owner (or a supervisor or team lead) acts on a claimed conversation.</summary>
        public static readonly ChangeRules Owner = new(OwnerOnly: true);

        /// <summary>A rule: a lost race fails so that Hangfire retries it within seconds.</summary>
        public static readonly ChangeRules Rule = new(RuleFiring: true);
    }

    private Task<ActionOutcome> ChangeAsync(int id, string actor, ChangeRules how, Func<ConversationChange, ActionOutcome> change, CancellationToken ct) =>
        ChangeAsync(id, actor, how, x => Task.FromResult(change(x)), ct);

    /// <summary>A timed rule's firing: the rule decides, the writer stores and publishes, at most once per rule key.</summary>
    public Task<ActionOutcome> FireRuleAsync(int id, Func<ConversationChange, Task<ActionOutcome>> firing, bool classificationEvent = false, CancellationToken ct = default) =>
        ChangeAsync(id, "system", ChangeRules.Rule with { ClassificationEvent = classificationEvent }, firing, ct);

    /// <summary>
    /// Load, check who may act, apply, save under the concurrency token, record the step, publish.
    /// When another writer (a job, a colleague) changed the conversation in between, the change is
    /// applied again to the fresh row, so every rule it checks (who owns it, is it still open) sees the
    /// winner's state: a lost claim becomes a conflict naming the winner, never an overwrite, and a
    /// resolve that merely raced a job is not lost. A rule's firing is re-checked the same way (an ingest
    /// that raced it may have made it moot, or not); only a rule that keeps losing fails, for a later retry.
    /// </summary>
    internal async Task<ActionOutcome> ChangeAsync(int id, string actor, ChangeRules how, Func<ConversationChange, Task<ActionOutcome>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await db.Conversations.Include(c => c.Customer).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conversation is null)
            {
                return ActionOutcome.NotFound;
            }
            if (how.OwnerOnly && conversation.AssigneeUserName is { } owner && owner != actor && !await IsSupervisorAsync(db, actor, ct))
            {
                return ActionOutcome.NotOwner(owner);
            }
            var wasUrgent = conversation.Priority == Priority.Urgent;
            var previousAssignee = conversation.AssigneeUserName;
            var x = new ConversationChange(db, conversation, time.GetUtcNow(), actor, Options);
            var outcome = await change(x);
            if (outcome.Kind != ActionKind.Done)
            {
                return outcome;
            }
            if (!wasUrgent && conversation.Priority == Priority.Urgent && conversation.IsOpen)
            {
                MarkUrgent(conversation, x.Now);
            }
            if (x.RuleKey is { } key && await db.Timeline.AnyAsync(t => t.RuleKey == key, ct))
            {
                return ActionOutcome.Unchanged;
            }
            db.Timeline.Add(Step(id, outcome.Step!, x.Now, actor, outcome.Detail, x.RuleKey));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxChangeAttempts)
            {
                continue;
            }
            catch (DbUpdateConcurrencyException) when (how.RuleFiring)
            {
                // Still losing after several fresh reads: fail, and Hangfire's retry (or the sweep) tries later.
                throw;
            }
            catch (DbUpdateConcurrencyException)
            {
                await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                var winner = await fresh.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => c.AssigneeUserName).SingleOrDefaultAsync(ct);
                return ActionOutcome.Conflict(winner ?? "");
            }
            catch (DbUpdateException ex) when (x.RuleKey is not null)
            {
                logger.LogInformation("Rule {RuleKey} already recorded by a parallel firing: {Reason}", x.RuleKey, ex.InnerException?.Message ?? ex.Message);
                return ActionOutcome.Unchanged;
            }
            var published = await PublishAsync(x, outcome, how.ClassificationEvent, previousAssignee);
            await ReportUrgentIfDueAsync(conversation, ct);
            return published;
        }
    }

    private async Task<ActionOutcome> PublishAsync(ConversationChange x, ActionOutcome outcome, bool classificationEvent, string? previousAssignee)
    {
        var c = x.Conversation;
        var summary = ConversationSummary.From(c);
        foreach (var message in x.Messages)
        {
            await events.MessageAppended(MessageView.From(message));
        }
        foreach (var e in x.Escalations)
        {
            await events.EscalationRaised(new EscalationView(e.Id, c.Id, e.Reason, e.RaisedAt, e.AssignedTo, c.Customer.Name, c.Preview, e.AcknowledgedAt, e.Note));
        }
        foreach (var n in x.Notifications)
        {
            await events.NotificationRaised(new NotificationView(n.Id, n.Recipient, n.Kind, n.ConversationId, n.Text, n.CreatedAt));
        }
        if (classificationEvent)
        {
            await events.ClassificationConfirmed(summary);
        }
        else
        {
            await events.ConversationChanged(summary);
        }
        rules.Schedule(c);
        foreach (var t in x.Tickets)
        {
            rules.Schedule(RuleKind.CollaborationNoFeedback, t.Id, t.FeedbackDueAt);
        }
        await SignalAssignmentAsync(summary, outcome.Step ?? "", previousAssignee);
        return outcome with { Conversation = summary, Message = outcome.Message ?? x.Messages.LastOrDefault() };
    }

    /// <summary>Supervisors and team leads may act on any conversation; the roles are read from the store, not taken from the caller.</summary>
    private static Task<bool> IsSupervisorAsync(WorkspaceDbContext db, string userName, CancellationToken ct) =>
        (from u in db.Users
         where u.UserName == userName
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Supervisor || r.Name == Roles.TeamLead
         select u.Id).AnyAsync(ct);

    private const int MaxChangeAttempts = 5;
    private const int MaxNoteLength = 2000;

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

    internal DateTimeOffset? FirstResponseDueAt => Conversation?.FirstResponseDueAt;

    public bool Succeeded => Kind is ActionKind.Done or ActionKind.Unchanged;

    public static readonly ActionOutcome Unchanged = new(ActionKind.Unchanged);
    public static readonly ActionOutcome NotFound = new(ActionKind.NotFound, Reason: "conversation-not-found");
    public static ActionOutcome Done(string step, string? detail = null, Message? message = null) => new(ActionKind.Done, step, detail) { Message = message };
    public static ActionOutcome Conflict(string winner) => new(ActionKind.Conflict, Reason: "claimed-by-other", ConflictWith: winner);

    /// <summary>Someone else owns the conversation; nothing was stored. <see cref="ConflictWith"/> names the owner.</summary>
    public static ActionOutcome NotOwner(string owner) => new(ActionKind.Rejected, Reason: "not-owner", ConflictWith: owner);
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
