using AgentWorkspace.Features;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Tests.Features;

public sealed class FeatureOptionsTests
{
    private sealed class ConfiguredApp(Dictionary<string, string?> settings) : WorkspaceApp(settings);

    [Theory]
    [InlineData("Workspace:Escalation:NoResponseAfter", "00:00:00", "Workspace:Escalation:NoResponseAfter must be a positive duration")]
    [InlineData("Workspace:SecondHandling:Due", "-01:00:00", "Workspace:SecondHandling:Due must be a positive duration")]
    [InlineData("Workspace:TimeZone", "Mars/Olympus", "Workspace:TimeZone is not a known time zone id")]
    [InlineData("Workspace:Escalation:Supervisor", "", "Workspace:Escalation:Supervisor")]
    [InlineData("Workspace:Ingest:MaxTextLength", "5000", "Workspace:Ingest:MaxTextLength must be between 1 and 4000")]
    public async Task A_bad_setting_stops_the_start_with_the_key_to_fix(string key, string value, string expected)
    {
        await using var app = new ConfiguredApp(new() { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.Flatten().InnerExceptions[0] : error);
        Assert.Contains(validation.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Durations_read_hours_past_23_in_every_option_group()
    {
        await using var app = new ConfiguredApp(new()
        {
            ["Workspace:SecondHandling:Due"] = "36:00:00",
            ["Workspace:Escalation:CustomerUpdateEvery"] = "02:30:00",
        });

        var secondHandling = app.Get<IOptions<AgentWorkspace.Features.Conversations.SecondHandlingOptions>>().Value;
        var escalation = app.Get<IOptions<AgentWorkspace.Features.Conversations.EscalationOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(36), secondHandling.Due);
        Assert.Equal(TimeSpan.FromHours(2.5), escalation.CustomerUpdateEvery);
        Assert.Equal(TimeSpan.FromHours(1), escalation.NoResponseAfter);
    }
}
