using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Sla;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Conversations;

public sealed record ConversationDetails(
    int Id,
    ConversationStatus Status,
    Channel Channel,
    CustomerView Customer,
    ClassificationResult Classification,
    Category Category,
    string? Topic,
    Priority Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClassifiedAt,
    string? ClassifiedBy,
    bool ClassificationAutoAccepted,
    double? SecondsToClassify,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? ResolutionDueAt,
    DateTimeOffset? FirstRespondedAt,
    bool FirstResponseBreached,
    string? Assignee,
    DateTimeOffset? EscalatedAt,
    string? EscalatedTo,
    EscalationReason? EscalationReason,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Resolution,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? SatisfactionCheckDueAt,
    DateTimeOffset? SatisfactionCheckSentAt,
    SatisfactionAnswer? Satisfaction,
    string? SecondHandlingOwner,
    DateTimeOffset? SecondHandlingDueAt,
    int? LastTemplateVersionId,
    long Version,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<TimelineView> Timeline,
    IReadOnlyList<TicketView> CollaborationTickets,
    IReadOnlyList<EarlierConversation> EarlierConversations,
    IReadOnlyList<EscalationItem> Escalations,
    DateTimeOffset? ReviewRequestedAt,
    DateTimeOffset? SecondHandlingRepliedAt,
    DateTimeOffset? NextCustomerUpdateDueAt);

public sealed record StaffMember(string UserName, string DisplayName);

public sealed record CustomerView(int Id, string ExternalId, string? Name, bool IsVip, string? Salutation = null)
{
    public string DisplayName => Customer.DisplayNameOf(Name, ExternalId);
}

public sealed record TimelineView(string Kind, DateTimeOffset At, string Actor, string? Detail);

public sealed record TicketView(int Id, string Department, string ResponsiblePerson, string Description, string? CustomerDetails,
    DateTimeOffset ExpectedBy, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset FeedbackDueAt, DateTimeOffset? FeedbackAt, string? Feedback, DateTimeOffset? EscalatedAt,
    string? FeedbackBy, int ConversationId);

/// <summary>One hand-off to the supervisor; <c>To</c> is her user name (<c>Workspace:Escalation:Supervisor</c>).</summary>
public sealed record EscalationItem(int Id, EscalationReason Reason, string To, DateTimeOffset At, string RaisedBy, string? Note,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ClosedAt, string? ClosedBy);

public sealed record EarlierConversation(int Id, Channel Channel, ConversationStatus Status, Category Category, string Preview, DateTimeOffset CreatedAt, string? Resolution, SatisfactionAnswer? Satisfaction);

/// <summary>Reads for pages and the API: no tracking, only the columns each screen needs.</summary>
public sealed class ConversationQueries(IDbContextFactory<WorkspaceDbContext> dbFactory)
{
    public async Task<ConversationDetails?> DetailsAsync(int id, CancellationToken ct = default) =>
        (await DetailsWithSummaryAsync(id, ct))?.Details;

    /// <summary>The whole conversation and its queue row from one read (the conversation page needs both).</summary>
    public async Task<(ConversationDetails Details, ConversationSummary Summary)?> DetailsWithSummaryAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Conversations.AsNoTracking().Include(x => x.Customer).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id).OrderBy(m => m.Id).ToListAsync(ct);
        var timeline = await db.Timeline.AsNoTracking().Where(t => t.ConversationId == id).OrderBy(t => t.Id)
            .Select(t => new TimelineView(t.Kind, t.At, t.Actor, t.Detail)).ToListAsync(ct);
        var tickets = await db.CollaborationTickets.AsNoTracking().Where(t => t.ConversationId == id).OrderBy(t => t.Id)
            .Select(TicketProjection).ToListAsync(ct);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.ConversationId == id).OrderBy(e => e.Id)
            .Select(e => new EscalationItem(e.Id, e.Reason, e.AssignedTo, e.RaisedAt, e.RaisedBy, e.Note, e.AcknowledgedAt, e.AcknowledgedBy, e.ClosedAt, e.ClosedBy))
            .ToListAsync(ct);
        var earlier = await db.Conversations.AsNoTracking()
            .Where(x => x.CustomerId == c.CustomerId && x.Id != id)
            .OrderByDescending(x => x.Id).Take(10)
            .Select(x => new EarlierConversation(x.Id, x.Channel, x.Status, x.Category, x.Preview, x.CreatedAt, x.Resolution, x.Satisfaction))
            .ToListAsync(ct);
        var details = new ConversationDetails(
            c.Id, c.Status, c.Channel, new CustomerView(c.Customer.Id, c.Customer.ExternalId, c.Customer.Name, c.Customer.IsVip, c.Customer.Salutation),
            ConversationService.StoredClassification(c), c.Category, c.Topic, c.Priority,
            c.CreatedAt, c.ClassifiedAt, c.ClassifiedBy, c.ClassificationAutoAccepted, c.SecondsToClassify,
            c.FirstResponseDueAt, c.ResolutionDueAt, c.FirstRespondedAt, c.FirstResponseBreached, c.AssigneeUserName,
            c.EscalatedAt, c.EscalatedTo, c.EscalationReason, c.ResolvedAt, c.ResolvedBy, c.Resolution, c.ClosedAt,
            c.SatisfactionCheckDueAt, c.SatisfactionCheckSentAt, c.Satisfaction, c.SecondHandlingOwner, c.SecondHandlingDueAt,
            c.LastTemplateVersionId, c.Version,
            [.. messages.Select(m => MessageView.From(m, c))], timeline, tickets, earlier, escalations,
            c.ReviewRequestedAt, c.SecondHandlingRepliedAt, c.NextCustomerUpdateDueAt);
        return (details, ConversationSummary.From(c));
    }

    private static readonly System.Linq.Expressions.Expression<Func<CollaborationTicket, TicketView>> TicketProjection = t =>
        new TicketView(t.Id, t.Department, t.ResponsiblePerson, t.Description, t.CustomerDetails, t.ExpectedBy, t.CreatedAt, t.CreatedBy, t.FeedbackDueAt, t.FeedbackAt, t.Feedback, t.EscalatedAt, t.FeedbackBy, t.ConversationId);

    public async Task<TicketView?> TicketAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CollaborationTickets.AsNoTracking().Where(t => t.Id == ticketId).Select(TicketProjection).SingleOrDefaultAsync(ct);
    }

    /// <summary>The conversation's row only, to learn whether a page's copy is current (its version).</summary>
    public async Task<long?> VersionAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => (long?)c.Version).SingleOrDefaultAsync(ct);
    }

    /// <summary>Who a supervisor can hand a conversation to: everyone who works the queue.</summary>
    public async Task<List<StaffMember>> QueueStaffAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == Roles.Agent || r.Name == Roles.SeniorAgent || r.Name == Roles.Supervisor || r.Name == Roles.TeamLead
                      orderby u.UserName
                      select new StaffMember(u.UserName!, u.DisplayName)).Distinct().ToListAsync(ct);
    }

    /// <summary>The customer's most recent conversation on a channel (the /chat page's thread), without internal notes.</summary>
    public async Task<ConversationDetails?> LatestForCustomerAsync(string customerExternalId, Channel channel, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Conversations.AsNoTracking()
            .Where(c => c.Customer.ExternalId == customerExternalId && c.Channel == channel)
            .OrderByDescending(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return id is { } found && await DetailsAsync(found, ct) is { } details
            ? details with { Messages = [.. details.Messages.Where(m => m.AuthorKind != AuthorKind.Note)] }
            : null;
    }

    /// <summary>我的提及 (issue #15): where colleagues named this user in a note or a ticket, newest first.</summary>
    public async Task<List<NotificationView>> MentionsOfAsync(string userName, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.Recipient == userName && n.Kind == Mentions.Kind)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationView(n.Id, n.Recipient, n.Kind, n.ConversationId, n.Text, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
    }

    public async Task<ConversationSummary?> SummaryAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Conversations.AsNoTracking().Include(x => x.Customer).SingleOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : ConversationSummary.From(c);
    }

    /// <summary>Every open conversation, most pressing first. Indexed on (Status, FirstResponseDueAt).</summary>
    public async Task<List<ConversationSummary>> OpenQueueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Conversations.AsNoTracking().Include(c => c.Customer)
            .WhereOpen()
            .OrderBy(c => c.FirstResponseDueAt == null)
            .ThenBy(c => c.FirstResponseDueAt)
            .ToListAsync(ct);
        return [.. rows.Select(ConversationSummary.From)];
    }
}
