using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TemplateContextTests
{
    [Theory]
    [InlineData("我的订单【230518001】怎么还没发货", "230518001")]
    [InlineData("订单号：230520002 还没到", "230520002")]
    [InlineData("訂單編號:88776655", "88776655")]
    public void Order_number_is_recognised_in_the_seed_formats(string message, string expected) =>
        Assert.Equal(expected, TemplateContextBuilder.Build(null, CustomerGender.Unknown, null, [message])["订单号"]);

    [Theory]
    [InlineData("运单号SF1234567890一直没更新", "SF1234567890")]
    [InlineData("快递单号：yt9876543210", "YT9876543210")]
    [InlineData("JD0012345678 显示已签收", "JD0012345678")]
    public void Tracking_number_is_recognised(string message, string expected) =>
        Assert.Equal(expected, TemplateContextBuilder.Build(null, CustomerGender.Unknown, null, [message])["物流单号"]);

    [Theory]
    [InlineData("王芳", CustomerGender.Female, "王女士")]
    [InlineData("张伟", CustomerGender.Male, "张先生")]
    [InlineData("李娜", CustomerGender.Unknown, null)]
    [InlineData("欧阳明", CustomerGender.Male, "欧阳先生")]
    [InlineData("Tom", CustomerGender.Male, "Tom")]
    public void Salutation_uses_the_surname_with_xiansheng_or_nvshi(string name, CustomerGender gender, string? expected) =>
        Assert.Equal(expected, TemplateContextBuilder.Salutation(name, gender));

    [Fact]
    public void The_latest_mention_of_an_order_wins()
    {
        var values = TemplateContextBuilder.Build("王芳", CustomerGender.Female, "小王", ["订单【111111】", "不好意思，是订单【222222】"]);
        Assert.Equal("222222", values["订单号"]);
        Assert.Equal("小王", values["客服姓名"]);
    }
}
