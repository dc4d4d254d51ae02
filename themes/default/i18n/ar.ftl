## نصوص الواجهة في القالب الافتراضي، بالعربية.
## يمكن للموقع أن يستبدل أي نص منها أو يضيف لغة بملف i18n/<lang>.ftl في مجلده.

language-name = العربية
skip-to-content = انتقل إلى المحتوى الرئيسي
nav-label = القائمة الرئيسية
nav-home = الرئيسية
nav-consultations = الاستشارات
nav-moderation = سياسة الإشراف
nav-legal = الإشعارات القانونية
other-language = لغات أخرى
choose-language = اختر اللغة
home-heading = الاستشارات العامة
home-intro = { $gender ->
    [masculine] يستطلع { $agency } آراء الجمهور قبل أن يتخذ قراراته. يُرد على كل مداخلة، ويوضح كل قرار كيف استُفيد من المداخلات.
   *[feminine] تستطلع { $agency } آراء الجمهور قبل أن تتخذ قراراتها. يُرد على كل مداخلة، ويوضح كل قرار كيف استُفيد من المداخلات.
}
home-open = مفتوحة لإبداء الرأي
home-open-none = لا توجد استشارة مفتوحة حاليًا.
home-outcomes = أحدث النتائج
home-outcomes-none = لم تُنشر أي نتيجة بعد.
home-overdue = قرارات متأخرة
home-upcoming = قريبًا
home-all = جميع الاستشارات
as-of = الحالة في { $date }

status-upcoming = قادمة
status-open = مفتوحة
status-under-review = قيد الدراسة
status-overdue = القرار متأخر
status-decided = صدر القرار
status-withdrawn = مسحوبة

stage-agenda-setting = تحديد الأولويات
stage-policy-design = تصميم السياسة
stage-drafting = الصياغة
stage-implementation = التنفيذ
stage-evaluation = التقييم

days-left = { $count ->
    [0] تُغلق اليوم
    [one] بقي يوم واحد
    [two] بقي يومان
    [few] بقيت { $count } أيام
    [many] بقي { $count } يومًا
   *[other] بقي { $count } يوم
}
days-overdue = { $count ->
    [zero] موعد القرار اليوم
    [one] متأخر يومًا واحدًا
    [two] متأخر يومين
    [few] متأخر { $count } أيام
    [many] متأخر { $count } يومًا
   *[other] متأخر { $count } يوم
}
inputs-count = { $count ->
    [zero] لا توجد مداخلات
    [one] مداخلة واحدة
    [two] مداخلتان
    [few] { $count } مداخلات
    [many] { $count } مداخلة
   *[other] { $count } مداخلة
}
published-count = { $count ->
    [zero] لم يُنشر شيء
    [one] نُشرت واحدة
    [two] نُشرت اثنتان
    [few] نُشرت { $count } منها
    [many] نُشرت { $count } منها
   *[other] نُشرت { $count } منها
}
consultations-count = { $count ->
    [zero] لا توجد استشارات
    [one] استشارة واحدة
    [two] استشارتان
    [few] { $count } استشارات
    [many] { $count } استشارة
   *[other] { $count } استشارة
}

list-heading = جميع الاستشارات
list-filter-status = حسب الحالة
list-filter-stage = حسب المرحلة
list-filter-topic = حسب الموضوع
list-all = الكل
list-empty = لا توجد استشارة تطابق هذا العرض.
list-view-status = الاستشارات: { $status }
list-view-stage = الاستشارات في مرحلة: { $stage }
topic-heading = الموضوع: { $topic }

pagination = الصفحات
page-previous = الصفحة السابقة
page-next = الصفحة التالية
page-n = الصفحة { $n }
page-of = الصفحة { $n } من { $total }

field-reference = الرقم المرجعي
field-stage = المرحلة
field-status = الحالة
field-topics = المواضيع
field-unit = الوحدة المسؤولة
field-contact = للتواصل
field-redress = طريقة التظلم
field-opens = تاريخ الفتح
field-closes = تاريخ الإغلاق
field-decision-due = موعد القرار
field-channels = طرق المشاركة
field-published = تاريخ النشر
field-outcome = النتيجة

section-about = عن هذه الاستشارة
section-questions = الأسئلة
section-documents = الوثائق
section-changes = سجل التعديلات
section-statistics = المشاركة بالأرقام
section-moderation = الإشراف
section-decision = القرار
section-responses = كيف استُفيد من المداخلات
section-implementation = التنفيذ
section-timeline = المسار الزمني
section-inputs = المداخلات
section-accountability = المسؤولية

document-size = { $type }، { $size }
stat-received = المداخلات المستلمة
stat-published = المنشورة
stat-withheld = المحجوبة وفق سياسة الإشراف
stat-answered = المداخلات المنشورة التي رُدّ عليها
stat-days-to-decision = الأيام من الإغلاق حتى القرار
stat-on-time = صدر القرار في موعده
stat-late = تأخر القرار
stat-by-channel = حسب القناة
stat-by-language = حسب اللغة
stat-by-theme = حسب المحور
stat-responses-by-result = الردود حسب النتيجة
moderation-intro = تُنشر المداخلات وفق { $policy }. تُحصى المداخلات المحجوبة هنا وتُدرج في مكانها دون نصها.
moderation-policy-link = سياسة الإشراف المعلنة
moderation-none = لم تُحجب أي مداخلة.
withheld-reason-count = { $reason }: { $count }

reason-irrelevant = خارج الموضوع أو السياق
reason-abusive = مسيئة أو مهينة
reason-defamatory = تشهير
reason-discriminatory = تمييز
reason-illegal = تدعم نشاطًا غير مشروع أو تحرض عليه
reason-ip-violation = تنتهك حقوق الملكية الفكرية أو حقوقًا أخرى
reason-personal-data = تتضمن بيانات شخصية
reason-duplicate = مكررة
reason-spam = رسائل دعائية

channel-web = الموقع الإلكتروني
channel-email = البريد الإلكتروني
channel-social = وسائل التواصل الاجتماعي
channel-meeting = لقاء
channel-letter = رسالة
channel-phone = الهاتف

outcome-adopted = اعتُمد
outcome-adopted-with-changes = اعتُمد مع تعديلات
outcome-not-adopted = لم يُعتمد
outcome-deferred = أُرجئ

result-accepted = مقبول
result-partly-accepted = مقبول جزئيًا
result-not-accepted = غير مقبول
result-noted = أُخذ بالعلم
result-out-of-scope = خارج النطاق

milestone-scheduled = مجدول
milestone-met = أُنجز
milestone-partly-met = أُنجز جزئيًا
milestone-not-met = لم يُنجز
milestone-late = متأخر
milestone-due = الموعد { $date }
milestone-done = أُنجز في { $date }
response-answers = يرد على هذه المداخلات
response-answers-none = لا يرد على أي مداخلة منشورة.
response-changes = ما تغير نتيجة لذلك
response-n = الرد { $n }

timeline-opening = فتح الاستشارة
timeline-closing = إغلاق الاستشارة
timeline-decision-due = موعد القرار (التزام الجهة)
timeline-decision = نشر القرار
timeline-withdrawn = سحب الاستشارة
timeline-future = قادم

withdrawn-notice = سُحبت هذه الاستشارة في { $date }.
decision-pending = لم تنشر الجهة قرارها بعد، وقد التزمت بنشره في موعد أقصاه { $date }.
decision-overdue = كان موعد القرار { $date } ولم يُنشر بعد.
inputs-hidden = تُنشر مداخلات هذه الاستشارة بعد إغلاقها في { $date }، ويُعرض عددها فقط حتى ذلك الحين.
inputs-link = اقرأ المداخلات المنشورة
inputs-none = لم تُستلم أي مداخلة.

inputs-heading = المداخلات: { $title }
inputs-theme-none = بلا محور
input-heading = المداخلة { $id }
input-received = تاريخ الاستلام
input-channel = القناة
input-author = المرسل
input-language = لغة المداخلة
input-questions = الأسئلة التي تجيب عنها
input-themes = المحاور
author-individual = فرد
author-organisation = جهة
author-anonymous = دون ذكر الهوية
input-original = النص الأصلي
input-translation = ترجمة الجهة ({ $lang })
input-translation-note = هذه الترجمة من إعداد الجهة، والعبرة بالنص الأصلي.
input-answered-by = كيف ردت الجهة على هذه المداخلة
input-not-answered-yet = لم ترد الجهة على هذه المداخلة بعد، وسترد عليها في قرارها.
withheld-placeholder = المداخلة { $id }، المستلمة في { $date }، محجوبة: { $reason }.
inputs-translated-agency = ترجمتها الجهة من { $lang }.
inputs-translated-author = ترجمها صاحبها من { $lang }.
inputs-translated-machine = ترجمة آلية من { $lang }.
inputs-see-original = اقرأ النص الأصلي
inputs-no-translation = كُتبت باللغة { $lang }، ولا توجد لها ترجمة إلى العربية.
back-to-consultation = العودة إلى الاستشارة
back-to-inputs = جميع المداخلات

translation-pending = ترجمة هذا النص إلى { $lang } قيد الإعداد، ويُعرض بلغته الأصلية.

legal-heading = الإشعارات القانونية
legal-ip-short = المداخلات المنشورة في هذا الموقع آراء أصحابها لا آراء الجهة، وتبقى مصنفات لأصحابها: لا يجوز إعادة استخدامها إلا مع ذكر مصدرها.
legal-copyright-short = محمي بموجب قانون حقوق المؤلف والحقوق المجاورة الصادر بالمرسوم السلطاني رقم 65/2008.
legal-read-more = الإشعارات القانونية كاملة
legal-ip-heading = الملكية الفكرية وإخلاء المسؤولية
legal-ip-full =
    هذا الموقع هو السجل الرسمي للاستشارات العامة التي { $gender ->
        [masculine] يجريها
       *[feminine] تجريها
    } { $agency }.
    المداخلات المنشورة فيه تعبر عن آراء أصحابها، ولا تتحمل الجهة أي مسؤولية عن هذه الآراء، ولا يعني نشر المداخلة أن الجهة تتبناها.
    تبقى كل مداخلة مصنفًا لصاحبها، وتُنشر وفق شروط المشاركة في هذا الموقع، ويجب على من يعيد استخدامها أن يذكر مصدرها.
    يجوز إعادة استخدام وثائق الجهة مع نسبتها إليها. أما الوثائق الرسمية، كنصوص القوانين واللوائح والقرارات وترجماتها الرسمية، فلا تشملها حماية حقوق المؤلف (المادة 4 من القانون المذكور أدناه).
    لا يُنشر أي محتوى ينتهك حقوق الملكية الفكرية أو غيرها من الحقوق القانونية. إذا رأيت أن شيئًا في هذا الموقع يمس حقوقك فاكتب إلى { $contact }.
legal-copyright-heading = حقوق المؤلف
legal-copyright-full =
    محتوى هذا الموقع محمي بموجب قانون حقوق المؤلف والحقوق المجاورة الصادر بالمرسوم السلطاني رقم 65/2008 والمعدل بالمرسوم السلطاني رقم 132/2008. وسلطنة عمان طرف في اتفاقية برن منذ 14 يوليو 1999، ولا تتوقف الحماية على التسجيل.
    تقتصر أوجه الاستخدام المسموح بها دون إذن المؤلف على ما يحدده القانون حصرًا (المادة 20)، كالاقتباس بغرض النقد أو المراجعة، ويشترط في كل منها ذكر المصدر واسم المؤلف. ولا يجوز التنازل عن الحقوق الأدبية للمؤلف.
legal-privacy-heading = البيانات الشخصية
legal-privacy-full = لا تُنشر الأسماء إلا بموافقة أصحابها، وتُراجع المداخلات قبل نشرها للتحقق من خلوها من البيانات الشخصية، التزامًا بقانون حماية البيانات الشخصية (المرسوم السلطاني رقم 6/2022).
legal-agency-notice = إشعار من الجهة
legal-reuse-heading = إعادة استخدام البيانات المفتوحة

footer-contact = للاستفسارات والشكاوى: { $contact }
footer-built = أُنشئ في { $date } باستخدام سبلة.

date-hijri = ({ $date })
list-separator = { "، " }
date-approx = تقريبي
not-found-heading = الصفحة غير موجودة
not-found-text = الصفحة التي طلبتها غير موجودة، وربما نُقلت.
not-found-home = الذهاب إلى الصفحة الرئيسية

## Page heads, identity and navigation
meta-description = الاستشارات العامة في { $agency }: ما هو مفتوح لإبداء الرأي، والمداخلات المستلمة، والقرارات، وكيف استُفيد من المداخلات.
identity-line = الموقع الرسمي للاستشارات العامة في { $agency }
nav-take-part = كيف تشارك
nav-open-data = البيانات المفتوحة
footer-nav-label = عن هذا الموقع
footer-contact-label = للاستفسارات والشكاوى:
enter-site = الدخول إلى الموقع بالعربية
hijri-note = التواريخ الهجرية محسوبة وفق تقويم أم القرى، وقد تختلف بيوم عن التواريخ المعتمدة برؤية الهلال في سلطنة عُمان.

## The outcome and participation boxes at the top of a consultation
outcome-heading = ما الذي تقرر
outcome-sentence-adopted = اعتُمد المقترح في { $date }.
outcome-sentence-adopted-with-changes = اعتُمد المقترح مع تعديلات في { $date }.
outcome-sentence-not-adopted = لم يُعتمد المقترح، وصدر القرار في { $date }.
outcome-sentence-deferred = أُرجئ البت في المقترح في { $date }.
outcome-read-rationale = اقرأ القرار كاملًا وأسبابه
answered-share = رُدّ على { $percent }% من المداخلات المنشورة
take-part-more = طرق أخرى للمشاركة
take-part-guide = دليل المشاركة: كيف تشارك وماذا يحدث لمداخلتك
section-facts = بيانات الاستشارة
document-download = تنزيل الأصل ({ $type }، { $size })
timeline-today = اليوم
timeline-state-done = تم
timeline-state-late = متأخر
timeline-state-today = اليوم
timeline-state-upcoming = قادم

## Feeds, calendars and open data (src/output). Technical names
## ($utf8, $sha256, $rfc, $bcp, $draft, $codepage, $sig, $check, $root,
## $sums, $manifest) are arguments so that their digits stay Western.

feed-link-title = آخر المستجدات (موجز Atom)
feed-subtitle = افتتاح الاستشارات العامة التي { $gender ->
        [masculine] يجريها
       *[feminine] تجريها
    } { $agency } وإغلاقها وقراراتها وتنفيذها
feed-consultation-subtitle = مواعيد هذه الاستشارة وقرارها وتنفيذه
feed-opening = فُتح باب المشاركة: { $title }
feed-opening-text = تُقبل المداخلات حتى { $date }.
feed-closing = أُغلق باب المشاركة: { $title }
feed-closing-text = انتهت فترة تلقي المداخلات، والتزمت الجهة بنشر قرارها في موعد أقصاه { $date }.
feed-event = { $title }: { $label }
feed-withdrawn = سُحبت الاستشارة: { $title }
feed-overdue = تأخر القرار: { $title }
feed-overdue-text = التزمت الجهة بنشر قرارها في موعد أقصاه { $date }، ولم تنشره حتى ذلك التاريخ.
feed-decision = نُشر القرار: { $title }
feed-decision-text = النتيجة: { $outcome }.
feed-milestone = { $title }: { $label } ({ $status })
calendar-window = فترة تلقي المداخلات: { $title }
calendar-decision-due = الموعد المحدد للقرار: { $title }
calendar-decision-due-text = التزمت الجهة بنشر قرارها في هذه الاستشارة في موعد أقصاه هذا التاريخ.
follow-heading = تابع هذه الاستشارة
follow-feed = موجز المستجدات (Atom)
follow-calendar = أضف مواعيدها إلى تقويمك (iCalendar)

data-readme-title = البيانات المفتوحة
data-readme-intro = تُنشر سجلات الاستشارات العامة في هذا الموقع بيانات مفتوحة على العناوين أدناه، وناشرها { $agency }. تُنشأ الملفات من جديد مع كل تحديث للموقع، ويذكر كل منها تاريخ إنشائه. لا تتضمن هذه البيانات أي مداخلة محجوبة، وإنما تذكر عدد المداخلات المحجوبة بحسب سبب الحجب، ولا تظهر الأسماء إلا بموافقة أصحابها.
data-readme-files = الملفات
data-file-consultations = جميع الاستشارات: مواعيدها وحالتها وإحصاءاتها وقرارها وردود الجهة (مع المداخلات التي يتناولها كل رد) ومراحل التنفيذ. بصيغة JSON، ويصف المخطط التالي بنيتها.
data-file-schema = مخطط JSON Schema (الإصدار { $draft }) للملف consultations.json. ويبيّن الحقل schema_version إصدار البنية، ولا يضيف الإصدار الفرعي الجديد إلا حقولًا جديدة.
data-file-inputs = جميع المداخلات المنشورة، مداخلة في كل صف. بصيغة CSV ({ $rfc }) وترميز { $utf8 } مع علامة ترتيب البايتات (BOM).
data-file-dictionary = معنى كل عمود من أعمدة inputs.csv بجميع لغات الموقع.
data-file-manifest = جميع الملفات المنشورة مع حجم كل منها وبصمته { $sha256 }، وبصمة جذرية واحدة للقائمة كلها.
data-file-checksums = القائمة نفسها بالصيغة التي تقرؤها أداة sha256sum.
data-file-feed = موجز Atom: افتتاح الاستشارات وإغلاقها وقراراتها ومراحل تنفيذها.
data-file-calendar = تقويم iCalendar: فترة تلقي المداخلات في كل استشارة والموعد المحدد لقرارها.
data-file-sitemap = جميع صفحات الموقع مع نسخها باللغات الأخرى.
data-readme-columns = أعمدة الملف inputs.csv
data-column-consultation_id = الرقم المرجعي العلني للاستشارة لدى الجهة، كما في consultations.json.
data-column-consultation_slug = اسم الاستشارة في عناوين صفحات الموقع.
data-column-input_id = معرّف المداخلة، وهو فريد داخل الاستشارة الواحدة.
data-column-received = وقت تسلّم الجهة للمداخلة: تاريخ (YYYY-MM-DD)، أو تاريخ ووقت مع فرق التوقيت عن التوقيت العالمي المنسق، كما سُجّل.
data-column-channel = وسيلة وصول المداخلة: web (الموقع الإلكتروني) أو email (البريد الإلكتروني) أو social (وسائل التواصل الاجتماعي) أو meeting (لقاء) أو letter (رسالة) أو phone (الهاتف).
data-column-language = لغة النص الأصلي، برمز { $bcp } مثل ar أو en.
data-column-author = صفة كاتب المداخلة: individual (فرد) أو organisation (جهة) أو anonymous (دون ذكر الهوية).
data-column-organisation = الجهة التي قُدّمت المداخلة باسمها، إن وُجدت.
data-column-name = اسم كاتب المداخلة، ولا يُذكر إلا إذا وافق صاحبه على نشره، ويبقى الحقل فارغًا في غير ذلك.
data-column-themes = القضايا التي تثيرها المداخلة، بمفاتيح المحاور مفصولة بفواصل منقوطة، وتسمياتها في consultations.json.
data-column-questions = أسئلة الاستشارة التي تجيب عنها المداخلة، بمعرّفات الأسئلة مفصولة بفواصل منقوطة.
data-column-responses = أرقام ردود الجهة التي تتناول المداخلة، مفصولة بفواصل منقوطة، ويبقى الحقل فارغًا قبل صدور القرار.
data-column-response_results = نتيجة كل رد من تلك الردود بالترتيب نفسه: accepted (مقبول) أو partly-accepted (مقبول جزئيًا) أو not-accepted (غير مقبول) أو noted (أُخذ بالعلم) أو out-of-scope (خارج النطاق).
data-column-url = صفحة المداخلة باللغة الافتراضية للموقع ({ $lang })، ولصفحتها بلغة أخرى استبدل ‎/{ $lang }/‎ في العنوان برمز تلك اللغة.
data-column-text = النص الأصلي للمداخلة كما نُشر (بصيغة Markdown). وإذا كانت الخلية ستبدأ بأحد الرموز = أو + أو - أو @ أُضيفت قبلها فاصلة علوية (') حتى لا تنفذها برامج الجداول على أنها صيغة.
data-readme-terms = شروط إعادة الاستخدام
data-terms =
    1. هذه البيانات هي السجل الرسمي للاستشارات العامة التي تجريها الجهة. يجوز نسخها ونشرها وتحليلها ودمجها مع بيانات أخرى، مع ذكر مصدرها: { $agency }، { $site }.
    2. الوقائع والأرقام (التواريخ والحالات والأعداد والنتائج) بيانات، والوثائق الرسمية كنصوص القوانين واللوائح والقرارات لا تشملها حماية حقوق المؤلف (المادة 4 من قانون حقوق المؤلف والحقوق المجاورة الصادر بالمرسوم السلطاني رقم 65/2008). ويجوز إعادة استخدام نصوص الجهة نفسها مع نسبتها إليها.
    3. تبقى كل مداخلة مصنفًا لصاحبها، وتُنشر وفق شروط المشاركة في هذا الموقع. ولا يجوز إعادة استخدامها إلا في حدود ما يجيزه القانون دون إذن المؤلف (المادة 20، كالاقتباس بغرض النقد أو المراجعة)، مع ذكر مصدرها واسم صاحبها كما نُشر، ودون تحريفها، ولا يجوز التنازل عن الحقوق الأدبية للمؤلف. والمداخلات تعبر عن آراء أصحابها، ولا يعني نشرها أن الجهة تتبناها.
    4. لا تظهر الأسماء إلا بموافقة أصحابها. لا تستخدم هذه البيانات للتعرف على من اختاروا عدم ذكر أسمائهم أو للتواصل معهم، فالبيانات الشخصية محمية بقانون حماية البيانات الشخصية (المرسوم السلطاني رقم 6/2022).
    5. من رأى أن شيئًا منشورًا هنا يمس حقوقه فله أن يكتب إلى { $contact }.
data-readme-spreadsheets = فتح الملف inputs.csv في برامج الجداول
data-spreadsheets = الملف بترميز { $utf8 } ويبدأ بعلامة ترتيب البايتات، لذلك يعرض Microsoft Excel وLibreOffice Calc وجداول Google النص العربي عرضًا صحيحًا عند فتح الملف مباشرة. وإذا استوردته بدلًا من ذلك فاختر ترميز { $utf8 } (صفحة الترميز { $codepage }) والفاصلة فاصلًا بين الحقول. وتُفصل القيم المتعددة في الحقل الواحد بفواصل منقوطة. وعلى البرامج التي تقرأ الملف أن تتجاوز علامة ترتيب البايتات (في Python افتح الملف بالترميز { $sig }).
data-readme-verify = التحقق من نسخة مؤرشفة
data-verify = من داخل مجلد نسخة من الموقع، يتحقق الأمر « { $check } » من وجود كل ملف مدرج في القائمة ومن عدم تغييره، ويطبع الأمر « { $root } » البصمة الجذرية التي يجب أن تطابق قيمة root_sha256 في { $manifest }. ولا يُستثنى من القائمة إلا { $manifest } و{ $sums }.

## صيغة المحتوى 1.1
closing-time = الساعة { $time } ({ $zone })
decision-due-none = لم تلتزم الجهة بموعد
decision-pending-no-date = انتهت فترة تلقي المداخلات، ولم تلتزم الجهة بموعد لنشر قرارها.
feed-closing-text-no-date = انتهت فترة تلقي المداخلات، ولم تلتزم الجهة بموعد لنشر قرارها.
section-take-part = كيف تشارك
take-part-until = أرسل رأيك قبل نهاية يوم { $date }
section-social-posts = النقاش في وسائل التواصل الاجتماعي
section-replies = ردود الجهة خلال الاستطلاع
reply-to = ردًّا على
section-summary-of-responses = ما سمعناه
section-outcome-documents = وثائق النتيجة
stat-files = المنشورة فرادى أو المحجوبة
stat-pending = قيد المراجعة
stat-answered-published = المداخلات المنشورة فرادى التي رُدّ عليها
inputs-pending = { $count ->
    [one] ومداخلة أخرى قيد المراجعة لم تُنشر بعد.
    [two] ومداخلتان أخريان قيد المراجعة لم تُنشرا بعد.
    [few] و{ $count } مداخلات أخرى قيد المراجعة لم تُنشر بعد.
   *[other] و{ $count } مداخلة أخرى قيد المراجعة لم تُنشر بعد.
}
document-external = في موقع آخر
document-pages = { $n ->
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $n } صفحات
   *[other] { $n } صفحة
}
document-accessible = لطلب صيغة أخرى:
phase-consultation = وثيقة الاستطلاع
phase-feedback = الآراء الواردة
phase-outcome = وثيقة النتيجة
timeline-reply = ردّت الجهة
timeline-social-post = منشور على { $platform }
feed-reply = ردّ الجهة خلال الاستطلاع: { $title }
feed-social-post = { $title }، على { $platform }
platform-x = إكس
platform-facebook = فيسبوك
platform-instagram = إنستغرام
platform-youtube = يوتيوب
platform-linkedin = لينكدإن
platform-whatsapp = واتساب
platform-telegram = تيليجرام
platform-snapchat = سناب شات
platform-tiktok = تيك توك
platform-other = منصة أخرى
input-posted = تاريخ النشر لدى صاحبها
input-source = المنشور الأصلي
input-in-reply-to = ردًّا على
input-attachments = المرفقات
input-translation-note-agency = هذه الترجمة من إعداد الجهة، والعبرة بالنص الأصلي.
input-translation-note-author = هذه الترجمة من إعداد صاحب المداخلة، والعبرة بالنص الأصلي.
input-translation-note-machine = هذه ترجمة آلية لم تُراجع كلمة بكلمة، والعبرة بالنص الأصلي.
translated-by-agency = الجهة
translated-by-author = صاحب المداخلة
translated-by-machine = ترجمة آلية
redacted = حُذف: بيانات شخصية
data-column-title = العنوان القصير الذي وضعه صاحب المداخلة، إن وجد.
data-column-posted = تاريخ نشر صاحبها لها إذا اختلف عن تاريخ ورودها (تاريخ أو تاريخ ووقت).
data-column-platform = للمداخلة الواردة عبر وسائل التواصل الاجتماعي: المنصة (x أو facebook أو instagram …).
data-column-source_url = الرابط الدائم للمنشور الأصلي، ولا يُنشر إلا إذا وافق صاحبه على نشر اسمه.
data-column-in_reply_to = رقم المداخلة التي تردّ عليها هذه المداخلة، إن وجدت.
data-column-attachments = عناوين الملفات المرفقة بالمداخلة، تفصل بينها فاصلة منقوطة.
data-column-translated_by = من أعدّ كل ترجمة، بصيغة اللغة:agency أو اللغة:author أو اللغة:machine، تفصل بينها فاصلة منقوطة (إن لم يُذكر فالجهة).
date-hijri-main = { $date }
stat-answer-days = مدة الرد الأول
home-answer-days = سرعة الرد: المدة التي انتظرتها المداخلات حتى أول رد (ردّ خلال الاستطلاع أو ردّ في القرار)
answer-days = الوسيط { $median ->
    [zero] أقل من يوم
    [one] يوم واحد
    [two] يومان
    [few] { $median } أيام
    [many] { $median } يومًا
   *[other] { $median } يوم
}، والأطول { $slowest ->
    [zero] أقل من يوم
    [one] يوم واحد
    [two] يومان
    [few] { $slowest } أيام
    [many] { $slowest } يومًا
   *[other] { $slowest } يوم
}، من { $answered ->
    [one] مداخلة واحدة رُدّ عليها
    [two] مداخلتين رُدّ عليهما
    [few] { $answered } مداخلات رُدّ عليها
   *[other] { $answered } مداخلة رُدّ عليها
}.
channels-heading = حساباتنا الرسمية في وسائل التواصل الاجتماعي
channels-footer-link = قواعد صفحاتنا في وسائل التواصل الاجتماعي
channels-intro = هذه وحدها الحسابات الرسمية لـ{ $agency }. تُعلن فيها الاستطلاعات ويُناقش موضوعها، وقد يصبح ما تكتبه فيها جزءًا من السجل العام للاستطلاع.
channels-rules-heading = ما لا ننشره
channels-rules-intro = وفقًا لإرشادات المشاركة الإلكترونية في سلطنة عُمان، يُحذف التعليق أو المنشور في صفحاتنا إذا:
channels-rule-irrelevant = تضمّن معلومات لا علاقة لها بالموضوع أو خارجة عن سياقه؛
channels-rule-abusive = كان مسيئًا أو مهينًا أو محقّرًا بأي شكل؛
channels-rule-defamatory = تضمّن قذفًا أو تشهيرًا أو تمييزًا؛
channels-rule-illegal = أيّد نشاطًا غير مشروع أو حرّض عليه؛
channels-rule-rights = انتهك أي حقوق قانونية أو حقوق ملكية فكرية.
channels-record-heading = تعليقاتك في السجل العام
channels-record = قد يُنقل تعليقك في صفحاتنا على وسائل التواصل الاجتماعي بشأن استطلاع ما إلى السجل العام لذلك الاستطلاع في هذا الموقع، بوصفه مداخلة، دون ذكر اسمك ما لم توافق على نشره. ولا تُنشر روابط منشوراتك إلا بموافقتك.
channels-ip = الآراء الواردة في التعليقات تعبّر عن أصحابها لا عن الجهة، ونشرها لا يعني تبنيها، ولا تتحمل الجهة مسؤوليتها. ويبقى كل تعليق مصنفًا لصاحبه، وعلى من يعيد استخدامه ذكر مصدره.
channels-about-heading = نص خانة «نبذة» في صفحاتنا
channels-about-intro = يوجد هذا النص في كل صفحة من صفحاتنا، في الخانة التي تتيحها المنصة لذلك (1000 حرف على الأكثر؛ وفي إكس وإنستغرام، حيث النبذة أقصر، نضع رابط هذه الصفحة).
channels-about-file = النص في ملف
social-disclaimer = الحساب الرسمي لـ{ $agency }. نحذف التعليقات الخارجة عن الموضوع أو المسيئة أو المهينة أو التي تتضمن قذفًا أو تشهيرًا أو تمييزًا أو تؤيد نشاطًا غير مشروع أو تنتهك حقوقًا قانونية أو حقوق ملكية فكرية (إرشادات المشاركة الإلكترونية في سلطنة عُمان). الآراء الواردة في التعليقات تعبّر عن أصحابها لا عنّا. المحتوى محمي بموجب قانون حقوق المؤلف والحقوق المجاورة الصادر بالمرسوم السلطاني رقم 65/2008. قد يُنقل التعليق بشأن استطلاع إلى سجله العام دون ذكر الاسم ما لم يوافق صاحبه. القواعد والسجل: { $page }

## البحث (/L/search/)
nav-search = البحث
search-heading = البحث
search-label = ابحث في الاستشارات والقرارات والمداخلات
search-help = تظهر النتائج أثناء الكتابة، وتُطابَق صيغ الهمزة والتاء المربوطة والتشكيل والأرقام بنوعيها.
search-filter-status = الحالة
search-filter-topic = الموضوع
search-any-status = كل الحالات
search-any-topic = كل المواضيع
search-submit = ابحث
search-nojs = يحتاج البحث إلى جافاسكربت، وهي لا تعمل في هذا المتصفح. وتجد أدناه كل الاستشارات مرتبة حسب الموضوع والحالة.
search-browse-heading = كل الاستشارات حسب الموضوع والحالة
search-topic-none = بلا موضوع
search-more = مزيد من النتائج
search-error = تعذّر تحميل فهرس البحث. حاول مرة أخرى، أو تصفّح الاستشارات أدناه.
search-none = لا نتائج
search-count = { $count ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
search-kind-c = استشارة
search-kind-d = القرار والردود
search-kind-i = المساهمة { $id }
