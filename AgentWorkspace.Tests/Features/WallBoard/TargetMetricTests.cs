using System.Net;
using System.Net.Http.Json;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.WallBoard;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.WallBoard;

/// <summary>Issue #12: seed 001's targets on the board — per channel, complaint escalation and closure, NPS, 高's 4-hour close.</summary>
public sealed class TargetMetricTests
{
    private static readonly DateTimeOffset T0 = TestClock.NextMondayMorning();

    private static MetricRow Row(Channel channel = Channel.Chat, Category category = Category.Consultation, Priority priority = Priority.Medium,
        int? respondAfterSeconds = null, bool escalated = false, bool resolved = false, int? nps = null, int? closeHours = null, DateTimeOffset? due = null) => new(
        T0, due ?? T0.AddMinutes(5), respondAfterSeconds is { } r ? T0.AddSeconds(r) : null, false, resolved ? T0.AddHours(3) : null, resolved ? 1 : 0,
        null, escalated, null, false, null, "agent1", priority, channel, category, resolved ? ConversationStatus.Resolved : ConversationStatus.Open,
        closeHours is { } h ? T0.AddHours(h) : null, nps);

    [Fact]
    public void Escalation_rate_is_complaints_escalated_over_complaints_beside_the_rule_share()
    {
        var m = MetricSet.Of(
        [
            Row(category: Category.Complaint, priority: Priority.High, escalated: true),
            Row(category: Category.Complaint, priority: Priority.High),
            Row(category: Category.Complaint, priority: Priority.High),
            Row(category: Category.Complaint, priority: Priority.High),
            Row(escalated: true), Row(), Row(), Row(),
        ], T0.AddHours(1));
        Assert.Equal((4, 1, 0.25), (m.Complaints, m.ComplaintsEscalated, m.ComplaintEscalationRate));
        Assert.Equal(0.25, m.EscalationRate);
    }

    [Fact]
    public void Complaint_closure_counts_major_complaints_closed()
    {
        var m = MetricSet.Of(
        [
            Row(category: Category.Complaint, priority: Priority.Urgent, resolved: true),
            Row(category: Category.Complaint, priority: Priority.High),
            Row(category: Category.Complaint, priority: Priority.Low),
        ], T0.AddHours(5));
        Assert.Equal((2, 0.5), (m.MajorComplaints, m.ComplaintClosure));
    }

    [Fact]
    public void Nps_is_promoters_minus_detractors_and_null_without_answers()
    {
        Assert.Null(MetricSet.Of([Row()], T0).Nps);
        var m = MetricSet.Of([Row(nps: 10), Row(nps: 9), Row(nps: 8), Row(nps: 3), Row()], T0);
        Assert.Equal(4, m.NpsAnswers);
        Assert.Equal(25, m.Nps);
    }

    [Fact]
    public void High_conversations_past_their_four_hour_close_count_as_breaches_open_or_closed()
    {
        var m = MetricSet.Of(
        [
            Row(priority: Priority.High, closeHours: 4, resolved: true),  // closed at 3 h: met
            Row(priority: Priority.High, closeHours: 2, resolved: true),  // closed at 3 h: missed
            Row(priority: Priority.High, closeHours: 4),                  // open at 5 h: missed
            Row(priority: Priority.Medium),
        ], T0.AddHours(5));
        Assert.Equal((3, 2), (m.HighWithCloseTarget, m.HighCloseBreaches));
    }

    [Fact]
    public void Average_first_response_is_per_channel_and_self_service_is_not_judged_for_compliance()
    {
        var rows = new[]
        {
            Row(Channel.Phone, respondAfterSeconds: 20), Row(Channel.Phone, respondAfterSeconds: 40),
            Row(Channel.Chat, respondAfterSeconds: 90),
            Row(Channel.SelfService, respondAfterSeconds: 7200, due: null) with { FirstResponseDueAt = null },
        };
        var byChannel = MetricSet.AverageFirstResponseByChannel(rows);
        Assert.Equal(TimeSpan.FromSeconds(30), byChannel[Channel.Phone]);
        Assert.Equal(TimeSpan.FromSeconds(90), byChannel[Channel.Chat]);
        Assert.Null(byChannel[Channel.Email]);
        Assert.Equal(1.0, MetricSet.Of(rows, T0.AddHours(3)).ResponseCompliance);
        var targets = new MetricTargets();
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), (targets.AverageFirstResponseByChannel["Phone"], targets.AverageFirstResponseByChannel["Chat"]));
    }
}
