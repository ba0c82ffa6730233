using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using BenchmarkDotNet.Attributes;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// Classification of realistic 20–80-character messages (Simplified and Traditional) against the
/// default table and against a 1,000-keyword table. One operation = one message classified.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    public static readonly string[] Messages =
    [
        "我的订单怎么还没发货？订单号【230518001】，已经等了三天了",
        "会员积分无法兑换，页面提示错误，麻烦帮我看一下是什么原因",
        "APP闪退，连续3次了，手机是iPhone13，系统已经更新到最新版本",
        "请问退款流程是什么？退款申请提交以后多久能到账呢",
        "支付失败导致订单取消了，钱已经扣了！请马上处理！！",
        "优惠券怎么使用？结算的时候没有抵扣，是不是不能叠加",
        "服务态度太差了，承诺的赔偿一直没兑现，我要投诉",
        "建议增加按物流状态筛选订单的功能，这样查起来方便很多",
        "账号异常，登录的时候一直提示错误，也收不到验证码",
        "我的訂單怎么還沒發貨?已經等了一個星期了，到底怎麼回事",
        "會員積分無法兌換,頁面提示錯誤,請盡快處理",
        "同一笔订单被扣了两次款，请尽快帮我退回多扣的钱",
        "快递显示已签收但是我没收到，运单号SF1234567890",
        "收费标准是什么？会员续费是自动扣款的吗",
        "活动建议：希望增加会员日专属优惠，最好每个月都有",
        "系统崩溃了，全部打不开，你们的服务中断多久了",
        "你好，在吗？我想咨询一下以旧换新的流程是什么",
        "服務態度差，承諾未兌現，要求損失賠償",
        "页面一直白屏，加载失败，换了网络也不行",
        "能不能增加夜间客服通道？晚上有问题找不到人",
    ];

    private Classifier _default = null!;
    private Classifier _large = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _default = Classifier.Build(KeywordTableDefaults.Create());
        _large = Classifier.Build(LargeTable(1000));
    }

    [Benchmark(Baseline = true, Description = "default table")]
    public ClassificationResult DefaultTable() => _default.Classify(Messages[_next++ % Messages.Length], Channel.Chat);

    [Benchmark(Description = "1,000-keyword table")]
    public ClassificationResult ThousandKeywords() => _large.Classify(Messages[_next++ % Messages.Length], Channel.Chat);

    /// <summary>The default rows plus plausible product, place and issue phrases up to <paramref name="size"/> keywords.</summary>
    public static List<KeywordEntry> LargeTable(int size)
    {
        var rows = KeywordTableDefaults.Create();
        string[] products = ["手机", "耳机", "冰箱", "空调", "洗衣机", "电视", "平板", "手表", "相机", "音箱", "键盘", "鼠标", "充电器", "路由器", "显示器", "打印机", "吸尘器", "电饭煲", "微波炉", "热水器"];
        string[] issues = ["屏幕破裂", "无法开机", "漏水", "噪音大", "不制冷", "充不进电", "配件缺失", "包装破损", "发错货", "少发", "颜色不对", "尺寸不符", "保修期", "安装预约", "以旧换新", "发票抬头", "延保服务", "上门维修", "价格保护", "开箱验货"];
        var topics = new[] { "logistics", "refund", "membership", "payment", "coupon", "login", "malfunction" };
        var i = 0;
        foreach (var product in products)
        {
            foreach (var issue in issues)
            {
                foreach (var suffix in new[] { "", "问题", "怎么办" })
                {
                    if (rows.Count >= size)
                    {
                        return rows;
                    }
                    rows.Add(new KeywordEntry { Keyword = product + issue + suffix, Kind = KeywordKind.Topic, Category = Features.Category.Consultation, Topic = topics[i++ % topics.Length], Weight = 1, Priority = i % 11 == 0 ? Priority.High : null });
                }
            }
        }
        return rows;
    }
}
