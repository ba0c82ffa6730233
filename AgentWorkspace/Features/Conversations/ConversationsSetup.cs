namespace AgentWorkspace.Features.Conversations;

public static class ConversationsSetup
{
    public static void AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<ConversationQueries>();
    }

    public static void MapConversations(this WebApplication app) => app.MapConversationApi();
}
