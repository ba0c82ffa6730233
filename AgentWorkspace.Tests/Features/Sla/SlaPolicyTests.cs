using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Sla;

public sealed class SlaPolicyTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    // The priority × channel cells default to 表2 alone; seed 001's channel targets are their own table (ChannelSlaTests).
    [Theory]
    [InlineData(Priority.Urgent, Channel.Email, 5 * 60)]
    [InlineData(Priority.High, Channel.Email, 30 * 60)]
    [InlineData(Priority.Medium, Channel.Chat, 2 * 3600)]
    [InlineData(Priority.Low, Channel.Social, 24 * 3600)]
    public void Priority_cells_default_to_the_priority_table(Priority priority, Channel channel, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SlaPolicy.Defaults.FirstResponse(priority, channel));

    [Fact]
    public void Only_high_priority_has_a_four_hour_resolution_target()
    {
        Assert.Equal(TimeSpan.FromHours(4), SlaPolicy.Defaults.Resolution(Priority.High));
        Assert.Null(SlaPolicy.Defaults.Resolution(Priority.Medium));
    }

    [Fact]
    public void Due_time_is_arrival_plus_the_cell_at_the_edge()
    {
        var arrived = new DateTimeOffset(2026, 11, 23, 23, 59, 30, TimeSpan.FromHours(8));
        var policy = new SlaPolicy([.. SlaPolicy.Defaults.Rows()]);
        var due = policy.Compute(Priority.High, Channel.Email, arrived);
        Assert.Equal(arrived.AddMinutes(30), due.FirstResponseDueAt);
        Assert.Equal(arrived.AddHours(4), due.ResolutionDueAt);
    }

    [Fact]
    public async Task Invalid_cells_save_nothing_and_name_the_cell()
    {
        var editor = app.Get<SlaPolicyEditor>();
        var cells = await editor.LoadAsync();
        cells.Single(c => c.Priority == Priority.Low && c.Channel == Channel.Email).FirstResponseMinutes = 30;
        cells.Single(c => c.Priority == Priority.Urgent && c.Channel == Channel.Email).FirstResponseMinutes = 0;

        var errors = await editor.SaveAsync(cells, "lead");

        var error = Assert.Single(errors);
        Assert.Equal((Priority.Urgent, Channel.Email, "sla-first-response-range"), (error.Priority, error.Channel, error.Key));
        var stored = await editor.LoadAsync();
        Assert.Equal(1440, stored.Single(c => c.Priority == Priority.Low && c.Channel == Channel.Email).FirstResponseMinutes);
    }

    [Fact]
    public async Task A_saved_change_applies_to_the_next_due_time_and_is_audited()
    {
        var editor = app.Get<SlaPolicyEditor>();
        var cells = await editor.LoadAsync();
        foreach (var cell in cells.Where(c => c.Channel == Channel.Social))
        {
            cell.FirstResponseMinutes = 17;
        }
        Assert.Empty(await editor.SaveAsync(cells, "lead"));

        var before = DateTimeOffset.UtcNow;
        var posted = await app.PostMessageAsync("收费标准是什么？", channel: "Social", customerId: "sla-edit");

        Assert.InRange(posted.FirstResponseDueAt!.Value - before, TimeSpan.FromMinutes(16.9), TimeSpan.FromMinutes(17.1));
        await using var db = app.Db();
        Assert.Equal(4, await db.Audit.CountAsync(a => a.Action == "sla-changed" && a.Actor == "lead" && a.Subject.EndsWith("Social")));
    }
}
