namespace AgentWorkspace.Features.Alerts;

public static class AlertsSetup
{
    public static void AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<AlertOptions>(builder.Configuration, "Alerts");
        builder.Services.AddSingleton<AlertPreferencesStore>();
    }
}

/// <summary>Desktop alerts (<c>Workspace:Alerts</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>How often an open tab checks the user's conversations for "under a fifth of the SLA left".</summary>
    [PositiveDuration]
    public TimeSpan AtRiskCheckEvery { get; set; } = TimeSpan.FromSeconds(5);
}
