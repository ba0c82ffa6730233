using System.Text.Json.Serialization;

namespace AgentWorkspace.Features;

public static class WorkspaceCore
{
    /// <summary>Options (validated at start-up), the clock, JSON conventions and problem details.</summary>
    public static void AddWorkspaceCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkspaceOptions>()
            .Bind(builder.Configuration.GetSection(WorkspaceOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TryFindZone(o.TimeZone), "Workspace:TimeZone is not a known time zone id (e.g. Asia/Shanghai).")
            .Validate(o => o.Escalation.NoResponseAfter > TimeSpan.Zero && o.SatisfactionCheck.Delay >= TimeSpan.Zero
                && o.SecondHandling.Due > TimeSpan.Zero && o.Escalation.CustomerUpdateEvery > TimeSpan.Zero
                && o.Escalation.CollaborationNoFeedbackAfter > TimeSpan.Zero, "Workspace durations must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TeamClock>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
    }

    private static bool TryFindZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }
}
