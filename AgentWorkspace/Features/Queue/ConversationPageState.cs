using System.Security.Claims;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Templates;
using AgentWorkspace.Realtime;
using Microsoft.Extensions.Localization;

namespace AgentWorkspace.Features.Queue;

/// <summary>
/// Everything behind /conversations/{id} for one circuit (the shape of BlazingPizza's OrderState): it
/// loads the conversation once per change, holds the details, suggestions, draft and busy state, and
/// offers one intent method per action. A change this page made is reloaded once, when its action
/// returns; a change made elsewhere is reloaded when its event carries a version the page has not seen.
/// </summary>
public sealed class ConversationPageState(
    ConversationQueries queries,
    ConversationService conversations,
    TemplateCatalog templates,
    TemplateLibrary library,
    CircuitEventBus bus,
    IStringLocalizer<SharedResource> localizer,
    ILogger<ConversationPageState> logger) : IDisposable
{
    private IDisposable? _subscription;
    private Func<Func<Task>, Task> _dispatch = work => work();
    private Action _render = () => { };
    private Func<ActionOutcome, string?, bool> _report = (outcome, _) => outcome.Succeeded;
    private long? _missedWhileBusy;

    public int Id { get; private set; }
    public ConversationDetails? Details { get; private set; }
    public ConversationSummary? Summary { get; private set; }
    public IReadOnlyList<TemplateSuggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];
    public ReplyDraft? Draft { get; private set; }
    public bool Busy { get; private set; }
    public bool NotFound { get; private set; }
    public bool TicketFormOpen { get; set; }

    /// <summary>The optional resolution note (seed 000 四.2) typed next to the resolve button.</summary>
    public string? ResolutionNote { get; set; }
    public string? UserName { get; private set; }
    public string? DisplayName { get; private set; }
    public bool IsSupervisor { get; private set; }

    /// <summary>How many times the conversation was read from the database (one per change).</summary>
    public int Loads { get; private set; }

    public bool Ready => Details is not null && Draft is not null;

    /// <summary>Someone else owns it and this user may not act for them (the service refuses too).</summary>
    public string? OwnedByOther => Summary?.AssigneeUserName is { } owner && owner != UserName && !IsSupervisor ? owner : null;

    /// <summary>
    /// The component's dispatcher and re-render (events from other threads come through them) and how it
    /// tells the user an outcome (true when the action went through).
    /// </summary>
    public void Attach(Func<Func<Task>, Task> dispatch, Action render, Func<ActionOutcome, string?, bool> report)
    {
        _dispatch = dispatch;
        _render = render;
        _report = report;
        _subscription ??= bus.Subscribe(OnWorkspaceEvent);
    }

    public void Detach()
    {
        _subscription?.Dispose();
        _subscription = null;
        _render = () => { };
    }

    /// <summary>Shows conversation <paramref name="id"/> to <paramref name="user"/>; the draft survives a reload of the same conversation.</summary>
    public async Task OpenAsync(int id, ClaimsPrincipal user)
    {
        UserName = user.Identity?.Name;
        DisplayName = WorkspaceClaims.DisplayNameOf(user);
        IsSupervisor = WorkspaceClaims.IsSupervisorOrLead(user);
        if (id != Id || Draft is null)
        {
            Id = id;
            Draft = new ReplyDraft(await library.ForbiddenPhrasesAsync());
            TicketFormOpen = false;
            ResolutionNote = null;
            Staff = IsSupervisor ? await queries.QueueStaffAsync() : [];
        }
        await LoadAsync();
    }

    public Task SendAsync() => Draft is { CanSend: true } draft
        ? ActAsync(() => conversations.ReplyAsync(Id, UserName!, DisplayName, draft.Text, draft.TemplateVersionId), "sent-ok", draft.Clear)
        : Task.CompletedTask;

    public Task ResolveAsync() => ActAsync(() => conversations.ResolveAsync(Id, UserName!, ResolutionNote), "resolved-ok", () => ResolutionNote = null);

    public Task ReopenAsync() => ActAsync(() => conversations.ReopenAsync(Id, UserName!), "reopened-ok");

    public Task ConfirmAsync() => ActAsync(() => conversations.ConfirmClassificationAsync(Id, UserName!), null);

    public Task CorrectAsync(Category? category, Priority? priority) =>
        ActAsync(() => conversations.ConfirmClassificationAsync(Id, UserName!, category, priority), "classification-corrected-ok");

    public Task ChangePriorityAsync(Priority priority) => ActAsync(() => conversations.ChangePriorityAsync(Id, UserName!, priority), "priority-changed-ok");

    public async Task<ActionOutcome> OpenTicketAsync(CollaborationTicketDraft draft) =>
        await ActAsync(() => conversations.OpenCollaborationTicketAsync(Id, UserName!, draft), "ticket-opened-ok", () => TicketFormOpen = false);

    /// <summary>The agent records the department's answer given by phone or chat.</summary>
    public Task<ActionOutcome> SaveTicketFeedbackAsync(int ticketId, string feedback) =>
        ActAsync(() => conversations.RecordTicketFeedbackAsync(ticketId, DisplayName ?? UserName!, feedback), "ticket-feedback-saved-ok");

    public Task<ActionOutcome> RequestReviewAsync() => ActAsync(() => conversations.RequestReviewAsync(Id, UserName!), "review-requested-ok");

    public Task<ActionOutcome> EscalateAsync(string? reason) => ActAsync(() => conversations.EscalateAsync(Id, UserName!, reason), "escalated-ok");

    public Task<ActionOutcome> TakeOverAsync() => ActAsync(() => conversations.TakeOverAsync(Id, UserName!), "taken-over-ok");

    public Task<ActionOutcome> ReassignAsync(string? to) => ActAsync(() => conversations.ReassignAsync(Id, UserName!, to), "reassigned-ok");

    /// <summary>One click from the 2-hourly reminder: the progress-update wording goes into the draft.</summary>
    public void InsertProgressUpdate() => Draft?.InsertQuestion(localizer["progress-update-text"]);

    private async Task<ActionOutcome> ActAsync(Func<Task<ActionOutcome>> action, string? successKey, Action? onDone = null)
    {
        ActionOutcome outcome;
        Busy = true;
        _missedWhileBusy = null;
        try
        {
            try
            {
                outcome = await action();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The circuit lives on and the draft stays; the agent sees that it did not go through.
                logger.LogError(ex, "Action on conversation {Id} failed", Id);
                outcome = ActionOutcome.Rejected("action-failed");
            }
            if (_report(outcome, successKey))
            {
                onDone?.Invoke();
            }
            if (outcome.Kind == ActionKind.Done && outcome.Conversation?.Version != Summary?.Version)
            {
                await LoadAsync();
            }
        }
        finally
        {
            Busy = false;
        }
        if (_missedWhileBusy is { } missed && missed != Summary?.Version)
        {
            await LoadAsync();
        }
        return outcome;
    }

    private async Task LoadAsync()
    {
        try
        {
            Loads++;
            var found = await queries.DetailsWithSummaryAsync(Id);
            NotFound = found is null;
            if (found is not { } read)
            {
                Details = null;
                Summary = null;
                return;
            }
            (Details, Summary) = read;
            Suggestions = await templates.SuggestAsync(Details, DisplayName ?? UserName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && Details is not null)
        {
            // Keep showing what we had; the next change reloads.
            logger.LogWarning(ex, "Reloading conversation {Id} failed", Id);
            _report(ActionOutcome.Rejected("action-failed"), null);
        }
    }

    private Task OnWorkspaceEvent(WorkspaceEvent e)
    {
        if (e is not WorkspaceEvent.ConversationChanged { Conversation: var row } || row.Id != Id || row.Version == Summary?.Version)
        {
            return Task.CompletedTask;
        }
        if (Busy)
        {
            _missedWhileBusy = row.Version;
            return Task.CompletedTask;
        }
        return _dispatch(async () =>
        {
            if (!Busy && row.Version != Summary?.Version)
            {
                await LoadAsync();
                _render();
            }
        });
    }

    public void Dispose() => _subscription?.Dispose();
}
