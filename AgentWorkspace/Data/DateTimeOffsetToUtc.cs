using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentWorkspace.Data;

/// <summary>
/// PostgreSQL keeps instants natively (timestamptz, ordered and indexed as such), but Npgsql writes only
/// UTC offsets; a team-zone time (+08:00) from a calendar or an appointment is turned into the same
/// instant in UTC on the way in.
/// </summary>
public sealed class DateTimeOffsetToUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
