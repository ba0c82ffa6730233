using System.Collections.Concurrent;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Realtime;

/// <summary>
/// Who has which conversation open, and who is typing there (issue #15): each conversation page
/// enters while it shows the conversation, and every change is published on the
/// <see cref="CircuitEventBus"/> so the other pages update live. Like <see cref="PresenceTracker"/> it
/// keeps this node's pages itself and hears the other nodes' through the node link
/// (<see cref="SetNode"/>), so two agents on two nodes still see each other in the same conversation.
/// </summary>
public sealed class ConversationViewers(CircuitEventBus bus)
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, ConversationViewer>> _open = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, ConversationViewer[]>> _otherNodes = new();

    /// <summary>This node's viewers of a conversation changed (the node link tells the other nodes).</summary>
    public event Action<int>? ChangedHere;

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

    /// <summary>Everyone on any node with the conversation open, one entry per person (typing if any of their pages is).</summary>
    public IReadOnlyList<ConversationViewer> Of(int conversationId) =>
        Merge(Here(conversationId).Concat(_otherNodes.Values.SelectMany(n => n.TryGetValue(conversationId, out var there) ? there : [])));

    /// <summary>This node's viewers of the conversation, one entry per person.</summary>
    public IReadOnlyList<ConversationViewer> Here(int conversationId) =>
        _open.TryGetValue(conversationId, out var pages) ? Merge(pages.Values) : [];

    /// <summary>Every conversation open on this node, for a node that asks (it has just started).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<ConversationViewer>> AllHere() =>
        _open.Keys.Select(id => (id, Viewers: Here(id))).Where(x => x.Viewers.Count > 0).ToDictionary(x => x.id, x => x.Viewers);

    /// <summary>Another node's viewers of some conversations, as it last reported them (an empty list: none left there).</summary>
    public void SetNode(string node, IReadOnlyDictionary<int, ConversationViewer[]> conversations)
    {
        var known = _otherNodes.GetOrAdd(node, _ => new());
        foreach (var (id, viewers) in conversations)
        {
            if (viewers.Length == 0)
            {
                if (known.TryRemove(id, out _))
                {
                    PublishAll(id);
                }
            }
            else if (!(known.TryGetValue(id, out var before) && before.SequenceEqual(viewers)))
            {
                known[id] = viewers;
                PublishAll(id);
            }
        }
    }

    /// <summary>A node left or fell silent: its viewers leave every conversation they had open.</summary>
    public void ForgetNode(string node)
    {
        if (_otherNodes.TryRemove(node, out var gone))
        {
            foreach (var id in gone.Keys)
            {
                PublishAll(id);
            }
        }
    }

    private static ConversationViewer[] Merge(IEnumerable<ConversationViewer> viewers) =>
        [.. viewers.GroupBy(v => v.UserName, StringComparer.Ordinal)
            .Select(g => g.First() with { Typing = g.Any(v => v.Typing) })
            .OrderBy(v => v.UserName, StringComparer.Ordinal)];

    private void Publish(int conversationId)
    {
        PublishAll(conversationId);
        ChangedHere?.Invoke(conversationId);
    }

    private void PublishAll(int conversationId) => bus.Publish(new WorkspaceEvent.ViewersChanged(conversationId, Of(conversationId)));

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
