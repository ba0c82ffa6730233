using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// The settings the conversation writer applies, each bound from its own section
/// (<c>Workspace:Ingest</c>, <c>:Escalation</c>, <c>:SatisfactionCheck</c>, <c>:SecondHandling</c>) and checked at start-up.
/// </summary>
public sealed class WriterSettings(
    IOptions<IngestOptions> ingest,
    IOptions<EscalationOptions> escalation,
    IOptions<SatisfactionCheckOptions> satisfactionCheck,
    IOptions<SecondHandlingOptions> secondHandling)
{
    public IngestOptions Ingest => ingest.Value;
    public EscalationOptions Escalation => escalation.Value;
    public SatisfactionCheckOptions SatisfactionCheck => satisfactionCheck.Value;
    public SecondHandlingOptions SecondHandling => secondHandling.Value;
}
