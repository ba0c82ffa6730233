using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Queue;

/// <summary>What of a conversation's row changes with time alone, besides the ticking figure.</summary>
public readonly record struct RowFace(SlaTone Tone, int HintSecondsLeft, bool CloseByMissed);

/// <summary>
/// The clocks a queue row (and the conversation header) shows: which SLA clock runs, its countdown,
/// and when the row next looks different. The figure itself ticks in the browser.
/// </summary>
public static class RowClock
{
    /// <summary>The running clock: second handling's if in it, else the first response's while awaited.</summary>
    public static (DateTimeOffset StartedAt, DateTimeOffset DueAt)? Running(ConversationSummary c) =>
        c.Status == ConversationStatus.SecondHandling && c.SecondHandlingDueAt is { } due
            ? (c.LastCustomerMessageAt, due)
            : c.AwaitsFirstResponse && c.FirstResponseDueAt is { } firstDue
                ? (c.CreatedAt, firstDue)
                : null;

    /// <summary>The running clock's countdown; a first response awaited with no target (self-service) says so.</summary>
    public static Countdown Countdown(ConversationSummary c, DateTimeOffset now) =>
        Running(c) is var (startedAt, dueAt)
            ? SlaCountdown.For(startedAt, dueAt, now)
            : c.AwaitsFirstResponse
                ? SlaCountdown.For(c.CreatedAt, null, now)
                : new Countdown("", SlaTone.Stopped);

    /// <summary>表2 高: the close-by target a high-priority row shows while open.</summary>
    public static DateTimeOffset? CloseBy(ConversationSummary c) =>
        c.Priority == Priority.High && c.IsOpen ? c.ResolutionDueAt : null;

    public static RowFace Face(ConversationSummary c, DateTimeOffset now, TimeSpan confirmWithin) => new(
        Countdown(c, now).Tone,
        c.IsClassified ? -1 : ClassificationHint.SecondsLeftFor(c, confirmWithin, now),
        CloseBy(c) is { } closeBy && closeBy < now);

    /// <summary>The first instant after <paramref name="now"/> at which <see cref="Face"/> differs; MaxValue if never.</summary>
    public static DateTimeOffset NextFaceChange(ConversationSummary c, DateTimeOffset now, TimeSpan confirmWithin)
    {
        var next = DateTimeOffset.MaxValue;
        if (Running(c) is var (startedAt, dueAt) && SlaCountdown.NextToneChange(startedAt, dueAt, now) is { } toneChange)
        {
            next = toneChange;
        }
        if (CloseBy(c) is { } closeBy && closeBy >= now)
        {
            next = Earlier(next, closeBy.AddTicks(1));
        }
        var ringLeft = (c.CreatedAt + confirmWithin - now).TotalSeconds;
        if (!c.IsClassified && ringLeft > 0)
        {
            // The ring shows whole seconds (rounded up): it changes when the time left crosses the next whole second down.
            next = Earlier(next, now + TimeSpan.FromSeconds(ringLeft - (Math.Ceiling(ringLeft) - 1)));
        }
        return next;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
