# نصوص واجهة الفهرس الوطني (sablah index)، تضاف إلى نصوص موقع الجهة.
ix-nav-overview = نظرة عامة
ix-nav-consultations = جميع الاستشارات
ix-nav-agencies = الجهات
ix-overview-heading = الاستشارات العامة في الجهات الحكومية
ix-overview-intro = كل استشارة تنشرها الجهات أدناه على مواقعها، في مكان واحد. تحيل كل استشارة إلى صفحتها في موقع جهتها، حيث تُرسل المدخلات وتُقرأ.
ix-open-now = مفتوحة للمشاركة الآن
ix-open-none = لا توجد استشارة مفتوحة حاليًا.
ix-recent-decisions = أحدث القرارات
ix-decisions-none = لم يُنشر أي قرار بعد.
ix-national-figures = الأرقام الوطنية
ix-national-figures-note = على جميع الجهات المتاحة بياناتها؛ ويذكر كل رقم ما يعدّه.
ix-all-consultations = جميع الاستشارات
ix-agencies-heading = الجهات جنبًا إلى جنب
ix-agencies-intro = أرقام كل جهة على جميع استشاراتها. رتّب الجدول بحسب رقم من الروابط في رأسه؛ وتعني «—» أن الرقم لا مقام له بعد (مثلًا: لا قرار).
ix-sorted-by = الترتيب بحسب: { $figure }
ix-sort-by-name = الترتيب بحسب الاسم
ix-sort-link = الترتيب بحسب { $figure }
ix-agency = الجهة
ix-data-status = البيانات
ix-not-available = غير متاحة
ix-not-available-text = تعذّر جمع بيانات هذه الجهة ولا توجد نسخة سابقة محفوظة، فهي مستبعدة من الأرقام.
ix-unavailable-heading = جهات بياناتها غير متاحة
ix-stale = آخر جمع للبيانات في { $date }
ix-stale-text = تعذّر تحديث بيانات هذه الجهة: المعروض هو النسخة المجموعة في { $date }.
ix-fresh = جُمعت البيانات في { $date }
ix-agency-site = موقع الجهة
ix-agency-figures = الأرقام عبر الزمن
ix-agency-figures-note = لكل سنة ميلادية من سنوات الفتح، ولجميع السنوات.
ix-agency-consultations = استشارات الجهة
ix-all-years = جميع السنوات
ix-on-agency-site = اقرأ وشارك في موقع الجهة
ix-by-agency = بحسب الجهة
ix-by-status = بحسب الحالة
ix-by-topic = بحسب الموضوع
ix-agency-topics = مواضيع الجهة
ix-list-agency = استشارات { $agency }
ix-list-status = الاستشارات: { $status }
ix-list-topic = الموضوع: { $topic }
ix-list-agency-topic = { $agency }: { $topic }
ix-opens-closes = مفتوحة من { $opens } إلى { $closes }
ix-decided-on = { $outcome }، نُشر في { $date }
ix-chart-title = { $figure } بحسب الجهة
ix-chart-year-title = { $figure } بحسب السنة
ix-chart-note = يعرض الجدول الأرقام نفسها نصًّا.
ix-fig-held = الاستشارات المعقودة
ix-fig-held-what = التي فُتحت حتى تاريخ هذا الفهرس، ومنها المسحوبة
ix-fig-open = مفتوحة الآن
ix-fig-decided = صدر فيها قرار
ix-fig-received = المدخلات الواردة
ix-fig-withheld = المدخلات المحجوبة
ix-fig-answered = المدخلات المنشورة التي رُدّ عليها
ix-fig-answered-what = من المدخلات المنشورة في الاستشارات التي صدر فيها قرار
ix-fig-median = وسيط الأيام من الإغلاق إلى القرار
ix-fig-on-time = قرارات في موعدها
ix-fig-on-time-what = نُشرت في موعد القرار أو قبله، من جميع القرارات
ix-fig-overdue = قرارات متأخرة الآن
ix-fig-overdue-what = تجاوزت موعدها دون قرار
ix-fig-milestones = مراحل التنفيذ
ix-fig-milestones-what = في الاستشارات التي صدر فيها قرار: المنجزة، والمتأخرة (ما زالت مجدولة بعد موعدها)
ix-none = —
ix-percent-of = { $percent }٪ ({ $part } من { $whole })
ix-days = { $days ->
    [zero] { $days } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}
ix-overdue-days = { $count } (مجموع { $total } يومًا، أقصاها { $max })
ix-milestones-value = { $met } منجزة، { $late } متأخرة، من { $total }
ix-withheld-reason = { $reason }: { $count }
ix-footer-operator = يدير الفهرس الوطني { $operator }.
ix-footer-built = جُمعت البيانات وبُني الفهرس في { $date } باستخدام Sablah.
ix-legal-sources = الاستشارات والأسماء والأرقام في هذه الصفحات هي للجهات نفسها، مجموعة من البيانات المفتوحة التي تنشرها كل جهة. لا يعيد الفهرس نشر أي نص لمواطن، بل الأعداد وكلام الجهات فقط؛ وكل جهة مسؤولة عما تنشره.
ix-feed-title = الاستشارات المفتوحة والقرارات في جميع الجهات
ix-feed-opening = مفتوحة للمشاركة: { $title }
ix-feed-decision = نُشر القرار: { $title }
ix-calendar-window = فترة المشاركة: { $title }
ix-calendar-decision-due = موعد القرار: { $title }
ix-not-found-home = الانتقال إلى النظرة العامة الوطنية
