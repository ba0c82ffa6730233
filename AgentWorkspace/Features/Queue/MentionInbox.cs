using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Queue;

/// <summary>
/// 我的提及 read and unread (issue #15): a mention stays unread until its person opens it from the list
/// or marks them all read. The badge beside the status counts the unread ones; every open page of that
/// person on this node follows a change at once (<see cref="WorkspaceEvent.MentionsRead"/>).
/// </summary>
public sealed class MentionInbox(IDbContextFactory<WorkspaceDbContext> dbFactory, CircuitEventBus bus, TimeProvider time)
{
    public async Task<int> UnreadCountAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.Recipient == userName && n.Kind == Mentions.Kind && n.ReadAt == null, ct);
    }

    /// <summary>Marks one of <paramref name="userName"/>'s mentions read (none of anyone else's); how many changed.</summary>
    public Task<int> MarkReadAsync(string userName, int notificationId, CancellationToken ct = default) =>
        MarkAsync(userName, notificationId, ct);

    /// <summary>Marks every unread mention of <paramref name="userName"/> read; how many changed.</summary>
    public Task<int> MarkAllReadAsync(string userName, CancellationToken ct = default) =>
        MarkAsync(userName, null, ct);

    private async Task<int> MarkAsync(string userName, int? notificationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var changed = await db.Notifications
            .Where(n => n.Recipient == userName && n.Kind == Mentions.Kind && n.ReadAt == null && (notificationId == null || n.Id == notificationId))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        if (changed > 0)
        {
            bus.Publish(new WorkspaceEvent.MentionsRead(userName));
        }
        return changed;
    }
}
