using System.Linq.Expressions;

namespace AgentWorkspace.Features.Conversations;

/// <summary>"Still the team's to work on" in a query: the same test as <see cref="Conversation.IsOpen"/>, translated to SQL.</summary>
public static class OpenConversations
{
    public static readonly Expression<Func<Conversation, bool>> IsOpen =
        c => c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed;

    public static IQueryable<Conversation> WhereOpen(this IQueryable<Conversation> conversations) => conversations.Where(IsOpen);
}
