namespace AgentWorkspace.Features.Conversations;

public static class ConversationsSetup
{
    public static void AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<IngestOptions>(builder.Configuration, "Ingest");
        builder.Services.AddFeatureOptions<EscalationOptions>(builder.Configuration, "Escalation");
        builder.Services.AddFeatureOptions<SatisfactionCheckOptions>(builder.Configuration, "SatisfactionCheck");
        builder.Services.AddFeatureOptions<SecondHandlingOptions>(builder.Configuration, "SecondHandling");
        builder.Services.AddSingleton<WriterSettings>();
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<ConversationQueries>();
    }

    public static void MapConversations(this WebApplication app) => app.MapConversationApi();
}
