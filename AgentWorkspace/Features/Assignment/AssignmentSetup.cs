using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Assignment;

/// <summary>Agent status, automatic assignment and its settings page (issue #15).</summary>
public static class AssignmentSetup
{
    public static void AddAssignment(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<AssignmentOptions>(builder.Configuration, "Assignment");
        builder.Services.AddSingleton<AssignmentModeStore>();
        // The writer reports to the assigner and the assigner writes through the writer: the assigner
        // takes the writer lazily, so neither is built from the other's half-made self.
        builder.Services.AddSingleton(sp => new Lazy<ConversationService>(sp.GetRequiredService<ConversationService>));
        builder.Services.AddSingleton<AutoAssigner>();
        builder.Services.AddSingleton<IAssignmentSignals>(sp => sp.GetRequiredService<AutoAssigner>());
        builder.Services.AddSingleton<AgentStatusService>();
        builder.Services.AddSingleton<AgentPresence>();
        builder.Services.AddSingleton<AssignmentBoard>();
        builder.Services.AddSingleton<CapacityNotice>();
        builder.Services.AddHostedService<AssignmentSweep>();
    }
}
