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
    ConversationViewers viewers,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer,
    ILogger<ConversationPageState> logger) : IDisposable
{
    private IDisposable? _subscription;
    private Func<Func<Task>, Task> _dispatch = work => work();
    private Action _render = () => { };
    private Func<ActionOutcome, string?, bool> _report = (outcome, _) => outcome.Succeeded;
    private long? _missedWhileBusy;
    private ConversationViewers.IViewing? _viewing;
    private ITimer? _typingIdle;

    /// <summary>How long after the last keystroke a person stops showing as typing.</summary>
    public static readonly TimeSpan TypingIdleAfter = TimeSpan.FromSeconds(4);

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

    /// <summary>Colleagues who have this conversation open too, and whether they are typing (issue #15).</summary>
    public IReadOnlyList<ConversationViewer> OtherViewers { get; private set; } = [];

    /// <summary>The internal note being written (staff only).</summary>
    public string NoteText { get; set; } = "";

    /// <summary>The customer wrote while this person had a reply or note in progress: read it before sending.</summary>
    public bool CustomerWroteWhileTyping { get; private set; }

    /// <summary>A supervisor or lead is about to reply on this agent's conversation: they confirm first.</summary>
    public string? ConfirmReplyOver { get; private set; }

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
        LeaveViewing();
    }

    /// <summary>Shows conversation <paramref name="id"/> to <paramref name="user"/>; the draft survives a reload of the same conversation.</summary>
    /// <param name="live">The page is interactive: colleagues see this person viewing it (not while prerendering).</param>
    public async Task OpenAsync(int id, ClaimsPrincipal user, bool live = true)
    {
        UserName = user.Identity?.Name;
        DisplayName = WorkspaceClaims.DisplayNameOf(user);
        IsSupervisor = WorkspaceClaims.IsSupervisorOrLead(user);
        if (id != Id || Draft is null)
        {
            LeaveViewing();
            Id = id;
            Draft = new ReplyDraft(await library.ForbiddenPhrasesAsync());
            TicketFormOpen = false;
            ResolutionNote = null;
            NoteText = "";
            CustomerWroteWhileTyping = false;
            ConfirmReplyOver = null;
            Staff = IsSupervisor ? await queries.QueueStaffAsync() : [];
        }
        if (live && UserName is not null && _viewing is null)
        {
            _viewing = viewers.Enter(id, UserName, DisplayName ?? UserName);
        }
        OtherViewers = Others(viewers.Of(id));
        await LoadAsync();
    }

    /// <summary>
    /// Sends the reply. A supervisor or lead replying on a conversation an agent owns is asked first
    /// (<see cref="ConfirmReplyOver"/>), then <see cref="ConfirmSendAsync"/> sends it.
    /// </summary>
    public Task SendAsync()
    {
        if (Draft is not { CanSend: true })
        {
            return Task.CompletedTask;
        }
        if (IsSupervisor && Summary?.AssigneeUserName is { } owner && owner != UserName)
        {
            ConfirmReplyOver = owner;
            return Task.CompletedTask;
        }
        return SendNowAsync();
    }

    public Task ConfirmSendAsync()
    {
        ConfirmReplyOver = null;
        return SendNowAsync();
    }

    public void CancelSend() => ConfirmReplyOver = null;

    private Task SendNowAsync() => Draft is { CanSend: true } draft
        ? ActAsync(() => conversations.ReplyAsync(Id, UserName!, DisplayName, draft.Text, draft.TemplateVersionId), "sent-ok", () =>
        {
            draft.Clear();
            CustomerWroteWhileTyping = false;
            StopTyping();
        })
        : Task.CompletedTask;

    /// <summary>An internal note: staff see it in the thread; @user tells that colleague.</summary>
    public async Task AddNoteAsync()
    {
        if (string.IsNullOrWhiteSpace(NoteText))
        {
            return;
        }
        var outcome = await ActAsync(() => conversations.AddNoteAsync(Id, UserName!, DisplayName, NoteText), "note-added-ok", () =>
        {
            NoteText = "";
            StopTyping();
        });
        // A note leaves the row's version as it was, so the reload after an action does not see it.
        if (outcome.Kind == ActionKind.Done && outcome.Message is { } note && Details?.Messages.Any(m => m.Id == note.Id) != true)
        {
            await LoadAsync();
        }
    }

    /// <summary>A keystroke in the reply or note box: colleagues see this person typing until they pause.</summary>
    public void Typed()
    {
        if (_viewing is null)
        {
            return;
        }
        _viewing.SetTyping(true);
        if (_typingIdle is null)
        {
            _typingIdle = time.CreateTimer(_ => StopTyping(), null, TypingIdleAfter, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _typingIdle.Change(TypingIdleAfter, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The agent has read what the customer wrote.</summary>
    public void DismissCustomerWrote() => CustomerWroteWhileTyping = false;

    private void StopTyping() => _viewing?.SetTyping(false);

    private void LeaveViewing()
    {
        _typingIdle?.Dispose();
        _typingIdle = null;
        _viewing?.Dispose();
        _viewing = null;
    }

    private IReadOnlyList<ConversationViewer> Others(IReadOnlyList<ConversationViewer> all) => [.. all.Where(v => v.UserName != UserName)];

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
        // The action may come from a child (the hand-off panel): Blazor re-renders only that child, and
        // the header (owner, status) would wait for some later event to show what just changed.
        _render();
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
        switch (e)
        {
            case WorkspaceEvent.ViewersChanged v when v.ConversationId == Id:
                return _dispatch(() =>
                {
                    OtherViewers = Others(v.Viewers);
                    _render();
                    return Task.CompletedTask;
                });
            case WorkspaceEvent.MessageAppended { Message: { AuthorKind: AuthorKind.Customer } m } when m.ConversationId == Id
                && (Draft is { Text.Length: > 0 } || NoteText.Length > 0):
                // The thread reloads on the row's new version; this only warns the one typing.
                CustomerWroteWhileTyping = true;
                return Task.CompletedTask;
            case WorkspaceEvent.MessageAppended { Message: { AuthorKind: AuthorKind.Note } note } when note.ConversationId == Id && !Busy
                && Details?.Messages.Any(m => m.Id == note.Id) == false:
                // A colleague's note does not change the row's version: it reloads on its own event.
                return _dispatch(async () =>
                {
                    if (!Busy && Details?.Messages.Any(m => m.Id == note.Id) == false)
                    {
                        await LoadAsync();
                        _render();
                    }
                });
        }
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

    public void Dispose()
    {
        _subscription?.Dispose();
        LeaveViewing();
    }
}
