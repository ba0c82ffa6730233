namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// Waits for something another thread, process or node brings about, checking every
/// <c>every</c> (50 ms unless said) until it holds or <c>within</c> has passed, then fails with
/// <c>failure</c>'s message. The one polling loop the tests share.
/// </summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, Func<string> failure, TimeSpan? every = null) =>
        TrueAsync(() => Task.FromResult(condition()), within, failure, every);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> failure, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure());
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
