using System.Collections.Concurrent;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Realtime;

/// <summary>
/// Who has which conversation open on this node, and who is typing there (issue #15): each
/// conversation page enters while it shows the conversation, and every change is published on the
/// <see cref="CircuitEventBus"/> so the other pages update live. Like <see cref="PresenceTracker"/> it is
/// per node; several nodes exchange these through the backplane that feeds the bus.
/// </summary>
public sealed class ConversationViewers(CircuitEventBus bus)
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, ConversationViewer>> _open = new();

    public IViewing Enter(int conversationId, string userName, string displayName)
    {
        var viewing = new Viewing(this, conversationId, Guid.NewGuid(), new ConversationViewer(userName, displayName, Typing: false));
        while (true)
        {
            var pages = _open.GetOrAdd(conversationId, _ => new());
            pages[viewing.Key] = viewing.Viewer;
            // A last page leaving may have dropped this set between the two lines: add to the current one.
            if (_open.TryGetValue(conversationId, out var current) && ReferenceEquals(current, pages))
            {
                break;
            }
        }
        Publish(conversationId);
        return viewing;
    }

    /// <summary>Everyone with the conversation open, one entry per person (typing if any of their pages is).</summary>
    public IReadOnlyList<ConversationViewer> Of(int conversationId) =>
        _open.TryGetValue(conversationId, out var pages)
            ? [.. pages.Values.GroupBy(v => v.UserName, StringComparer.Ordinal)
                .Select(g => g.First() with { Typing = g.Any(v => v.Typing) })
                .OrderBy(v => v.UserName, StringComparer.Ordinal)]
            : [];

    private void Publish(int conversationId) => bus.Publish(new WorkspaceEvent.ViewersChanged(conversationId, Of(conversationId)));

    public interface IViewing : IDisposable
    {
        void SetTyping(bool typing);
    }

    private sealed class Viewing(ConversationViewers owner, int conversationId, Guid key, ConversationViewer viewer) : IViewing
    {
        private int _left;

        public Guid Key => key;
        public ConversationViewer Viewer { get; private set; } = viewer;

        public void SetTyping(bool typing)
        {
            if (_left == 1 || Viewer.Typing == typing || !owner._open.TryGetValue(conversationId, out var pages))
            {
                return;
            }
            Viewer = Viewer with { Typing = typing };
            pages[key] = Viewer;
            owner.Publish(conversationId);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0 && owner._open.TryGetValue(conversationId, out var pages))
            {
                pages.TryRemove(key, out _);
                if (pages.IsEmpty)
                {
                    owner._open.TryRemove(new KeyValuePair<int, ConcurrentDictionary<Guid, ConversationViewer>>(conversationId, pages));
                }
                owner.Publish(conversationId);
            }
        }
    }
}
