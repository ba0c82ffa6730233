namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>The real app with real Hangfire (its SQLite job file, 250 ms polling) and rules due in seconds.</summary>
public sealed class ShortRulesApp() : WorkspaceApp(new Dictionary<string, string?>
{
    ["Workspace:Escalation:NoResponseAfter"] = "00:00:02",
    ["Workspace:SatisfactionCheck:Delay"] = "00:00:02",
});
