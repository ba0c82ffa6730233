using AgentWorkspace.Features.Conversations;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Simulator;

/// <summary>
/// Demo traffic: realistic Chinese customer messages across channels, posted through the same
/// ingest path a connector uses, so a new user sees a live queue at once.
/// </summary>
public sealed class TrafficSimulator(ConversationService conversations, IOptions<SimulatorOptions> options, TimeProvider time, ILogger<TrafficSimulator> logger) : BackgroundService
{
    private static readonly (Channel Channel, string Text)[] Messages =
    [
        (Channel.Chat, "我的订单怎么还没发货？订单号【230518001】"),
        (Channel.Chat, "会员积分无法兑换，页面提示错误"),
        (Channel.Social, "APP闪退，连续3次了，iPhone13"),
        (Channel.Email, "请问退款流程是什么？多久能到账"),
        (Channel.Phone, "支付失败导致订单取消了，钱已经扣了！"),
        (Channel.Chat, "优惠券怎么使用？结算时没有抵扣"),
        (Channel.Social, "服务态度太差了！！！承诺的赔偿一直没兑现"),
        (Channel.Email, "建议增加按物流状态筛选订单的功能"),
        (Channel.Chat, "账号异常，怎么回事"),
        (Channel.SelfService, "收费标准是什么？会员怎么续费"),
        (Channel.Chat, "我的訂單怎么還沒發貨?已經三天了"),
        (Channel.Phone, "无法登录，一直提示验证码错误"),
        (Channel.Social, "快递显示签收了但是我没收到，运单号SF1234567890"),
        (Channel.Email, "同一笔订单被扣了两次款，请马上处理"),
        (Channel.InPerson, "预约到店咨询：以旧换新的流程是什么"),
        (Channel.Chat, "活动建议：希望增加会员日专属优惠"),
    ];

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        logger.LogInformation("Traffic simulator on: one message every {Interval}", settings.Interval);
        var random = new Random();
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            var (channel, text) = Messages[random.Next(Messages.Length)];
            var customer = random.Next(1, 400);
            var name = Surnames[customer % Surnames.Length] + Given[customer / Surnames.Length % Given.Length];
            try
            {
                await conversations.IngestAsync(new IngestCommand(channel, $"sim-{customer}", name, text, $"sim-{Guid.NewGuid():N}"), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Simulated message was not ingested");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class SimulatorSetup
{
    public static void AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<SimulatorOptions>(builder.Configuration, "Simulator");
        builder.Services.AddHostedService<TrafficSimulator>();
    }
}
