package io.cohortlm.synth;

import java.util.List;

/**
 * The built-in themes (ten), their vocabularies, and the attribute vocabularies (cities, genders, spend levels)
 * in English and Chinese. Everything here is fixed data: changing it changes every generated dataset.
 */
public final class Themes {
    private Themes() {
    }

    /** All themes, in a fixed order. */
    public static final List<Theme> ALL = List.of(
            new Theme("outdoors", "Outdoors", "户外露营",
                    List.of("waterproof", "lightweight", "rugged", "compact", "insulated", "foldable"),
                    List.of("camping lantern", "tent pegs", "trail map", "sleeping bag", "hiking boots",
                            "water filter", "camp stove", "trekking poles", "dry bag", "compass"),
                    List.of("for weekend trips in the mountains", "built for wet trails and cold nights",
                            "packs small for long hikes", "a favourite at the campsite", "tested on alpine routes",
                            "keeps you going off the grid"),
                    List.of("防水", "轻量", "耐用", "便携", "保暖", "折叠"),
                    List.of("露营灯", "帐篷钉", "徒步地图", "睡袋", "登山鞋", "净水器", "野营炉", "登山杖", "防水袋", "指南针"),
                    List.of("适合周末山间出行", "专为湿滑山路和寒夜设计", "长途徒步轻松收纳", "营地必备好物", "高山路线实测",
                            "野外无电也能用")),
            new Theme("kitchen", "Kitchen", "厨房烹饪",
                    List.of("stainless", "non-stick", "handcrafted", "heavy-duty", "ceramic", "professional"),
                    List.of("chef's knife", "cast iron skillet", "cutting board", "spice rack", "saucepan",
                            "mixing bowl", "coffee grinder", "baking tray", "pepper mill", "tea kettle"),
                    List.of("for everyday home cooking", "makes weeknight dinners easy",
                            "a chef's favourite for sauces and stews", "easy to clean after a big meal",
                            "brings restaurant flavour to your kitchen", "for baking bread and roasting vegetables"),
                    List.of("不锈钢", "不粘", "手工", "加厚", "陶瓷", "专业"),
                    List.of("主厨刀", "铸铁煎锅", "砧板", "调料架", "奶锅", "搅拌碗", "咖啡研磨机", "烤盘", "胡椒研磨器", "烧水壶"),
                    List.of("适合日常家庭烹饪", "让工作日晚餐更轻松", "厨师炖煮酱汁的最爱", "大餐之后容易清洗", "在家做出餐厅风味",
                            "烤面包烤蔬菜都合适")),
            new Theme("kids-toys", "Kids toys", "儿童玩具",
                    List.of("colourful", "educational", "wooden", "musical", "giant", "mini"),
                    List.of("building blocks", "toy train", "puzzle set", "plush bear", "toy car", "dollhouse",
                            "kite", "board game", "water gun", "craft kit"),
                    List.of("for playtime with friends", "keeps kids busy on rainy days",
                            "safe for toddlers and preschoolers", "a birthday gift children love",
                            "sparks imagination and creativity", "fun for the whole family"),
                    List.of("彩色", "益智", "木制", "音乐", "超大", "迷你"),
                    List.of("积木", "玩具火车", "拼图", "毛绒熊", "玩具车", "娃娃屋", "风筝", "桌游", "水枪", "手工套装"),
                    List.of("和小伙伴一起玩", "雨天也能让孩子玩得开心", "幼儿和学龄前儿童安全适用", "孩子最爱的生日礼物",
                            "激发想象力和创造力", "全家一起玩的乐趣")),
            new Theme("fitness", "Fitness", "运动健身",
                    List.of("adjustable", "non-slip", "breathable", "high-density", "quick-dry", "pro-grade"),
                    List.of("yoga mat", "dumbbells", "resistance bands", "jump rope", "foam roller", "kettlebell",
                            "running shorts", "protein shaker", "pull-up bar", "fitness tracker"),
                    List.of("for home workouts and gym sessions", "builds strength and endurance",
                            "ideal for morning runs", "helps you recover after training",
                            "tracks every rep and every step", "for stretching, cardio and core"),
                    List.of("可调节", "防滑", "透气", "高密度", "速干", "专业级"),
                    List.of("瑜伽垫", "哑铃", "弹力带", "跳绳", "泡沫轴", "壶铃", "跑步短裤", "蛋白摇杯", "引体向上杆", "运动手环"),
                    List.of("适合居家和健身房训练", "提升力量和耐力", "晨跑的理想选择", "训练后帮助恢复", "记录每一次训练每一步",
                            "拉伸有氧核心都能练")),
            new Theme("books", "Books & stationery", "图书文具",
                    List.of("hardcover", "vintage", "illustrated", "dotted", "leather-bound", "limited-edition"),
                    List.of("notebook", "fountain pen", "novel", "planner", "sketchbook", "highlighters", "bookmark",
                            "poetry collection", "pencil case", "desk calendar"),
                    List.of("for journaling and note-taking", "a classic read for quiet evenings",
                            "smooth writing on every page", "organises your week at a glance",
                            "loved by students and writers", "perfect for sketching ideas"),
                    List.of("精装", "复古", "插图", "点阵", "皮面", "限量版"),
                    List.of("笔记本", "钢笔", "小说", "日程本", "素描本", "荧光笔", "书签", "诗集", "笔袋", "台历"),
                    List.of("适合写日记和做笔记", "安静夜晚的经典读物", "每一页书写都顺滑", "一眼看清一周安排", "学生和作家都喜欢",
                            "随手记录灵感")),
            new Theme("garden", "Garden", "园艺",
                    List.of("expandable", "organic", "terracotta", "weatherproof", "ergonomic", "self-watering"),
                    List.of("garden hose", "pruning shears", "flower seeds", "plant pots", "watering can",
                            "compost bin", "garden gloves", "lawn sprinkler", "trowel", "raised bed"),
                    List.of("for a greener backyard", "helps seedlings thrive in spring",
                            "tough enough for daily weeding", "grow herbs, tomatoes and roses",
                            "keeps the lawn lush all summer", "a gardener's everyday companion"),
                    List.of("伸缩", "有机", "陶土", "耐候", "人体工学", "自动浇水"),
                    List.of("浇花水管", "修枝剪", "花种子", "花盆", "洒水壶", "堆肥桶", "园艺手套", "草坪喷头", "小铲子", "种植箱"),
                    List.of("让后院更绿", "春天幼苗茁壮成长", "每天除草也经得起", "种香草番茄和玫瑰", "整个夏天草坪郁郁葱葱",
                            "园丁的日常好帮手")),
            new Theme("pets", "Pets", "宠物用品",
                    List.of("durable", "washable", "reflective", "orthopedic", "interactive", "odour-free"),
                    List.of("dog leash", "cat scratcher", "pet bed", "chew toy", "bird feeder", "aquarium filter",
                            "cat litter", "dog harness", "pet brush", "treat pouch"),
                    List.of("for happy dogs and curious cats", "keeps your pet calm and comfy",
                            "made for daily walks in the park", "vet-recommended for healthy habits",
                            "easy to clean after muddy paws", "a treat for furry friends"),
                    List.of("耐咬", "可水洗", "反光", "护脊", "互动", "除臭"),
                    List.of("狗绳", "猫抓板", "宠物床", "磨牙玩具", "喂鸟器", "鱼缸过滤器", "猫砂", "狗胸背带", "宠物梳", "零食袋"),
                    List.of("让狗狗开心猫咪好奇", "让宠物安心又舒适", "适合每天公园散步", "兽医推荐的健康习惯", "沾泥爪子也好清理",
                            "给毛孩子的小惊喜")),
            new Theme("beauty", "Beauty", "美妆护肤",
                    List.of("hydrating", "matte", "fragrance-free", "vegan", "long-lasting", "brightening"),
                    List.of("face serum", "lipstick", "sunscreen", "hair mask", "eye cream", "nail polish", "perfume",
                            "makeup brush", "cleanser", "body lotion"),
                    List.of("for glowing skin every morning", "gentle on sensitive skin",
                            "a daily step in your skincare routine", "keeps makeup fresh all day",
                            "with vitamin C and hyaluronic acid", "a salon finish at home"),
                    List.of("补水", "哑光", "无香", "纯素", "持久", "提亮"),
                    List.of("精华液", "口红", "防晒霜", "发膜", "眼霜", "指甲油", "香水", "化妆刷", "洁面乳", "身体乳"),
                    List.of("每天早晨肌肤透亮", "敏感肌也温和", "日常护肤必备一步", "妆容一整天保持清爽", "含维生素C和玻尿酸",
                            "在家享受沙龙效果")),
            new Theme("electronics", "Electronics", "数码电子",
                    List.of("fast-charging", "noise-cancelling", "portable", "ultra-thin", "rechargeable",
                            "high-resolution"),
                    List.of("wireless earbuds", "phone charger", "bluetooth speaker", "usb cable", "power bank",
                            "smart watch", "laptop stand", "webcam", "mechanical keyboard", "gaming mouse"),
                    List.of("for work calls and streaming", "all-day battery life", "pairs instantly with your phone",
                            "a must for gamers and coders", "crisp sound and sharp video",
                            "keeps your devices charged on the go"),
                    List.of("快充", "降噪", "便携式", "超薄", "可充电", "高清"),
                    List.of("无线耳机", "手机充电器", "蓝牙音箱", "数据线", "充电宝", "智能手表", "笔记本支架", "摄像头", "机械键盘",
                            "游戏鼠标"),
                    List.of("适合工作通话和看视频", "全天续航", "与手机秒连", "游戏玩家和程序员必备", "声音清晰画面锐利",
                            "出门在外随时充电")),
            new Theme("home-decor", "Home decor", "家居装饰",
                    List.of("handmade", "minimalist", "velvet", "rustic", "scandinavian", "gold-trimmed"),
                    List.of("scented candle", "throw pillow", "wall art", "table lamp", "vase", "picture frame",
                            "area rug", "wall clock", "curtains", "mirror"),
                    List.of("for a cosy living room", "adds warmth to any bedroom", "a finishing touch for your home",
                            "calm colours for quiet evenings", "makes a thoughtful housewarming gift",
                            "styled for modern apartments"),
                    List.of("手作", "极简", "丝绒", "田园", "北欧", "金边"),
                    List.of("香薰蜡烛", "抱枕", "装饰画", "台灯", "花瓶", "相框", "地毯", "挂钟", "窗帘", "镜子"),
                    List.of("打造温馨客厅", "让卧室更温暖", "家居的点睛之笔", "安静夜晚的柔和色调", "乔迁新居的贴心礼物",
                            "适合现代公寓风格")));

    /** Ten cities per language, aligned by position. */
    static final List<String> CITIES_EN = List.of("New York", "Los Angeles", "Chicago", "Houston", "Seattle",
            "Boston", "Denver", "Miami", "Atlanta", "San Francisco");
    static final List<String> CITIES_ZH = List.of("上海", "北京", "成都", "广州", "深圳", "杭州", "武汉", "西安", "南京", "重庆");
    static final List<String> GENDERS_EN = List.of("female", "male");
    static final List<String> GENDERS_ZH = List.of("女", "男");
    static final List<String> SPEND_EN = List.of("low", "medium", "high");
    static final List<String> SPEND_ZH = List.of("低", "中", "高");

    /** The fewest distinct texts any theme can give (the upper bound of {@code texts}). */
    public static int minCombinations() {
        return ALL.stream().mapToInt(Theme::combinations).min().orElseThrow();
    }

    /**
     * The index in {@link #ALL} of the theme whose noun ends {@code title} (titles built by the generator end with
     * their noun), or -1 if none does.
     */
    public static int themeOfTitle(String title) {
        if (title == null) {
            return -1;
        }
        for (int t = 0; t < ALL.size(); t++) {
            Theme th = ALL.get(t);
            for (String n : th.nouns()) {
                if (title.endsWith(" " + n)) {
                    return t;
                }
            }
            for (String n : th.nounsZh()) {
                if (title.endsWith(" " + n)) {
                    return t;
                }
            }
        }
        return -1;
    }

    /** Index in {@link #ALL} of the theme with {@code key}, or -1. */
    public static int indexOf(String key) {
        for (int t = 0; t < ALL.size(); t++) {
            if (ALL.get(t).key().equals(key)) {
                return t;
            }
        }
        return -1;
    }
}
