
namespace AgentWorkspace.Features.Sla;

/// <summary>One cell of the priority × channel table a team lead edits.</summary>
public sealed class SlaPolicyRow
{
    public int Id { get; set; }
    public Priority Priority { get; set; }
    public Channel Channel { get; set; }
    public TimeSpan FirstResponse { get; set; }
    public TimeSpan? Resolution { get; set; }
}
