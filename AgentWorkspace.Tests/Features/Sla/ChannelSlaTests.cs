using System.Net;
using System.Net.Http.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Sla;

/// <summary>Seed 001's channel targets (consultation vs complaint), appointments, self-service and the team calendar.</summary>
public sealed class ChannelSlaTests
{
    // A Monday 09:00 in Asia/Shanghai, whenever the suite runs.
    private static readonly DateTimeOffset Monday9 = TestClock.NextMondayMorning();
    private static readonly SlaPolicy Policy = new([.. SlaPolicy.Defaults.Rows()], [.. ChannelSlaTarget.Defaults()], new TeamCalendar { TimeZone = "Asia/Shanghai" });

    [Theory]
    // Consultation: the stricter of 表2 (medium 2 h, high 30 min, urgent 5 min) and the channel's consultation column.
    [InlineData(Channel.Phone, Priority.Medium, false, 60)]
    [InlineData(Channel.Chat, Priority.Medium, false, 60)]
    [InlineData(Channel.Email, Priority.Low, false, 4 * 3600)]
    [InlineData(Channel.Email, Priority.Medium, false, 2 * 3600)]
    [InlineData(Channel.Social, Priority.Low, false, 2 * 3600)]
    [InlineData(Channel.Social, Priority.Urgent, false, 5 * 60)]
    [InlineData(Channel.InPerson, Priority.Medium, false, 2 * 3600)]
    // Complaint: the complaint column (chat 10 min after transfer, phone 2 h urgent / 4 h otherwise, social 4 h), still the stricter.
    [InlineData(Channel.Chat, Priority.High, true, 10 * 60)]
    [InlineData(Channel.Chat, Priority.Urgent, true, 5 * 60)]
    [InlineData(Channel.Phone, Priority.High, true, 30 * 60)]
    [InlineData(Channel.Social, Priority.High, true, 30 * 60)]
    public void First_response_is_the_stricter_of_priority_and_the_channel_column(Channel channel, Priority priority, bool complaint, int seconds) =>
        Assert.Equal(Monday9.AddSeconds(seconds), Policy.Compute(priority, channel, Monday9, complaint).FirstResponseDueAt);

    [Fact]
    public void The_complaint_column_decides_where_it_is_stricter()
    {
        var loose = new SlaPolicy([.. SlaPolicy.Defaults.Rows().Select(r => { r.FirstResponse = TimeSpan.FromDays(7); return r; })], [.. ChannelSlaTarget.Defaults()]);
        Assert.Equal(Monday9.AddHours(2), loose.Compute(Priority.Urgent, Channel.Phone, Monday9, complaint: true).FirstResponseDueAt);
        Assert.Equal(Monday9.AddHours(4), loose.Compute(Priority.High, Channel.Phone, Monday9, complaint: true).FirstResponseDueAt);
        Assert.Equal(Monday9.AddMinutes(1), loose.Compute(Priority.High, Channel.Phone, Monday9, complaint: false).FirstResponseDueAt);
        // Email complaint: 1 working day (9 working hours) — from Monday's opening, Monday's close.
        Assert.Equal(Monday9.AddHours(9), loose.Compute(Priority.High, Channel.Email, Monday9, complaint: true).FirstResponseDueAt);
        // Face-to-face complaint without an appointment: 2 working days, from Monday 10:00 to Wednesday 10:00.
        Assert.Equal(Monday9.AddDays(2).AddHours(1), loose.Compute(Priority.High, Channel.InPerson, Monday9.AddHours(1), complaint: true).FirstResponseDueAt);
    }

    [Fact]
    public void An_appointment_is_the_due_time_whatever_the_priority()
    {
        var appointment = Monday9.AddDays(3).AddHours(5);
        var due = Policy.Compute(Priority.Urgent, Channel.InPerson, Monday9, complaint: true, appointmentAt: appointment);
        Assert.Equal(appointment, due.FirstResponseDueAt);
    }

    [Fact]
    public void Self_service_has_no_agent_sla()
    {
        var due = Policy.Compute(Priority.Urgent, Channel.SelfService, Monday9, complaint: true);
        Assert.Null(due.FirstResponseDueAt);
        Assert.Null(due.ResolutionDueAt);
    }

    [Fact]
    public void Working_days_skip_evenings_weekends_and_holidays()
    {
        var wednesday = DateOnly.FromDateTime(Monday9.AddDays(2).DateTime);
        var calendar = new WorkingCalendar(new TeamCalendar { TimeZone = "Asia/Shanghai", WorkStart = new(9, 0), WorkEnd = new(18, 0), WorkDays = "12345", Holidays = wednesday.ToString("yyyy-MM-dd") });
        // Within hours: the same time the next working day.
        Assert.Equal(Monday9.AddDays(1).AddHours(1), calendar.AddWorkingDays(Monday9.AddHours(1), 1));
        // Tuesday 10:00 + 1 working day skips Wednesday's holiday → Thursday 10:00.
        Assert.Equal(Monday9.AddDays(3).AddHours(1), calendar.AddWorkingDays(Monday9.AddDays(1).AddHours(1), 1));
        // Friday after hours + 1 working day → Monday 18:00; + 2 → Tuesday 18:00.
        var fridayEvening = Monday9.AddDays(4).AddHours(11);
        Assert.Equal(Monday9.AddDays(7).AddHours(9), calendar.AddWorkingDays(fridayEvening, 1));
        Assert.Equal(Monday9.AddDays(8).AddHours(9), calendar.AddWorkingDays(fridayEvening, 2));
        // Saturday morning counts from Monday's opening.
        Assert.Equal(Monday9.AddDays(7).AddHours(9), calendar.AddWorkingDays(Monday9.AddDays(5).AddHours(1), 1));
    }

    [Fact]
    public void Calendar_and_channel_validation_name_what_is_wrong()
    {
        var errors = SlaPolicyEditor.ValidateCalendar(new TeamCalendar { TimeZone = "Mars/Olympus", WorkStart = new(18, 0), WorkEnd = new(9, 0), WorkDays = "", Holidays = "2026-13-01" });
        Assert.Equal(["holidays", "hours", "timeZone", "workDays"], errors.Keys.Order());
        Assert.Empty(SlaPolicyEditor.ValidateCalendar(new TeamCalendar { Holidays = "2026-10-01\n2026-10-02" }));

        var channelErrors = SlaPolicyEditor.ValidateChannelTargets(
        [
            new ChannelSlaTarget { Channel = Channel.Email, ComplaintWorkingDays = 0 },
            new ChannelSlaTarget { Channel = Channel.Chat, ConsultationMinutes = -1 },
            new ChannelSlaTarget { Channel = Channel.Social, ComplaintMinutes = 240, ComplaintWorkingDays = 1 },
        ]);
        Assert.Equal([(Channel.Email, "sla-working-days-range"), (Channel.Chat, "sla-first-response-range"), (Channel.Social, "sla-complaint-one-unit")], channelErrors.Select(e => (e.Channel, e.Key)));
    }
}
