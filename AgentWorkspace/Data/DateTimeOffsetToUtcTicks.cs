using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentWorkspace.Data;

/// <summary>Stores instants as UTC ticks (a sortable integer); the team's zone is applied only on display.</summary>
public sealed class DateTimeOffsetToUtcTicks() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
