using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AgentWorkspace.Features.Queue;

public static class QueueSetup
{
    public static void AddQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitConnection>();
        builder.Services.AddSingleton<MentionInbox>();
        builder.Services.AddScoped<ConversationPageState>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
    }
}
