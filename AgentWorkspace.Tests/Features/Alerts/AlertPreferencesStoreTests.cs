using AgentWorkspace.Features.Alerts;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Alerts;

public sealed class AlertPreferencesStoreTests(SharedApp app)
{
    [Fact]
    public async Task Choices_are_kept_per_user_and_announced_to_open_tabs()
    {
        var store = app.Get<AlertPreferencesStore>();
        var user = $"alerts-{Guid.NewGuid():N}";
        var defaults = await store.GetAsync(user);
        Assert.True(defaults.Assigned && defaults.CustomerReply && defaults.AtRisk && defaults.Mention);
        Assert.False(defaults.Sound);

        AlertPreferences? announced = null;
        void OnChanged(AlertPreferences p) => announced = p.UserName == user ? p : announced;
        store.Changed += OnChanged;
        try
        {
            await store.SaveAsync(new AlertPreferences { UserName = user, Assigned = true, CustomerReply = false, AtRisk = true, Mention = false, Sound = true });
        }
        finally
        {
            store.Changed -= OnChanged;
        }

        var stored = await store.GetAsync(user);
        Assert.False(stored.CustomerReply);
        Assert.False(stored.Mention);
        Assert.True(stored.Sound);
        Assert.False(announced?.CustomerReply);
        Assert.True((await store.GetAsync($"{user}-other")).CustomerReply);
    }
}
