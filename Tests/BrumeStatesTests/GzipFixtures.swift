import Foundation

/// gzip streams made with Python's `gzip` module (`GzipFile(..., mtime=0)`), embedded so the tests
/// need neither zlib nor a shell. Each comment says what produced the stream.
enum GzipFixtures {
    static func bytes(_ lines: [String]) -> [UInt8] {
        Array(Data(base64Encoded: lines.joined())!)
    }

    /// `b"hello, world\n"` at level 9: one fixed-Huffman block.
    static let fixedHuffman = bytes([
        "H4sIAAAAAAAC/8tIzcnJ11Eozy/KSeECAFN0JPQNAAAA",
    ])

    /// `bytes((i * 31 + 7) % 251 for i in range(1000))` at level 0: one stored block.
    static let stored = bytes([
        "H4sIAAAAAAAA/wHoAxf8ByZFZIOiweAEI0JhgJ++3QEgP159nLva+R08W3qZuNf2GjlYd5a11PMXNlV0k7LR8BQzUnGQr87tETBP",
        "bo2sy+oOLUxriqnI5wsqSWiHpsXkCCdGZYSjwuEFJENigaC/3gIhQF9+nbzb+h49XHuaudj3GzpZeJe21fQYN1Z1lLPS8RU0U3KR",
        "sM/uEjFQb46tzOsPLk1si6rJ6AwrSmmIp8blCShHZoWkw+IGJURjgqHA3wMiQWB/nr3cAB8+XXybutn4HDtaeZi31vUZOFd2lbTT",
        "8hY1VHOSsdDvEzJRcI+uzewQL05tjKvK6Q0sS2qJqMfmCilIZ4alxOMHJkVkg6LB4AQjQmGAn77dASA/Xn2cu9r5HTxbepm41/Ya",
        "OVh3lrXU8xc2VXSTstHwFDNScZCvzu0RME9ujazL6g4tTGuKqcjnCypJaIemxeQIJ0ZlhKPC4QUkQ2KBoL/eAiFAX36dvNv6Hj1c",
        "e5q52PcbOll4l7bV9Bg3VnWUs9LxFTRTcpGwz+4SMVBvjq3M6w8uTWyLqsnoDCtKaYinxuUJKEdmhaTD4gYlRGOCocDfAyJBYH+e",
        "vdwAHz5dfJu62fgcO1p5mLfW9Rk4V3aVtNPyFjVUc5Kx0O8TMlFwj67N7BAvTm2Mq8rpDSxLaomox+YKKUhnhqXE4wcmRWSDosHg",
        "BCNCYYCfvt0BID9efZy72vkdPFt6mbjX9ho5WHeWtdTzFzZVdJOy0fAUM1JxkK/O7REwT26NrMvqDi1Ma4qpyOcLKkloh6bF5Agn",
        "RmWEo8LhBSRDYoGgv94CIUBffp282/oePVx7mrnY9xs6WXiXttX0GDdWdZSz0vEVNFNykbDP7hIxUG+OrczrDy5NbIuqyegMK0pp",
        "iKfG5QkoR2aFpMPiBiVEY4KhwN8DIkFgf5693AAfPl18m7rZ+Bw7WnmYt9b1GThXdpW00/IWNVRzkrHQ7xMyUXCPrs3sEC9ObYyr",
        "yukNLEtqiajH5gopSGeGpcTjByZFZIOiweAEI0JhgJ++3QEgP159nLva+R08W3qZuNf2GjlYd5a11PMXNlV0k7LR8BQzUnGQr87t",
        "ETBPbo2sy+oOLUxriqnI5wsqSWiHpsXkCCdGZYSjwuEFJENigaC/3gIhQF9+nbzb+h49XHuaudj3GzpZeJe21fQYN1Z1lLPS8RU0",
        "U3KRsM/uEjFQb46tzOsPLk1si6rJ6AwrSmmIp8blCShHZoWkw+IGJURjgqHA3wMiQWB/nr3cAB8+XXybutn4HDtaeZi31vUZOFd2",
        "lbTT8hY1VHOSsdDvEzJRcI+uzewQL05tjKvK6Q0sS2qJqMfmCilIZyu+HnHoAwAA",
    ])

    /// ``dynamicHuffmanText`` at level 9 with the file name `data.csv` (FNAME set): dynamic Huffman
    /// blocks, 43,150 bytes out, so back-references reach across the 32 KiB window's wrap.
    static let dynamicHuffman = bytes([
        "H4sICAAAAAAC/2RhdGEuY3N2AHXdSa4sSZKd4TmXkWM2ItpIs5xisUY1ZJEAd091IF3OBcr/WSDTEPHeuX5N9XM7pvKP//l//vXf",
        "/+0//vFf//G//uU//uV//Pu//b//Zv/9X//3/33/g/3jv/zjP/+//s//N9v75wXrnxf4rV0/r9j/vGLtvPnzivPPK7ZHxs8r7veK",
        "vn1/XhH/vOLk9fPzivznFfeevX9eUf+8Iva+6+cV/Y3DV/rvwOxPYpDpN9RKt9+p+jfWvrZ+x+qTa5/fsfo3V7eK37n6N1ivrN/B",
        "+jfZFWm/k/VvtPvE+h2tf7M9657f2fo33Gsnfoe7vuF+Pmy/w13fcCNWw0f2G26e5b/DXd9wa/n+ne76pttm93e665tuZ+fvdFfM",
        "36h/h7u+4fou/x3u+oa7PPfvcFfPpyXu73D3N9zP7+nvcPc33HNP/Q53f8O9+xjcEL7hhu/1O9z9DTd6nd/h7m+4mR6/w93fcOta",
        "/U53f9PtbfY73f1Nt9fvbPc326rzO9rzjfZzg/sd7flG+/6++Tva8412r9u/oz3faI9dh5vtN9pTZ/+O9nyjvbHv72jPN9o4K39H",
        "e77R5vL+He35Rlvm/jvco3Bt/0732tws3+3y9yXfdHfF73DvLGSe9Tvc+w3XO+13uPcb7spYsJTNWvYWot/h3lnM3g31d7h3VrN3",
        "W/gd7v2Ge99n+3e49xtu5Fq/w41Zz966+jvcmPVs2/2dbsx6Zp2/041vul3Vv9ONuSuU/w43Zj07uWGjMOvZivs73Jj1zG7+Djdq",
        "PlCnf4cb33Dfz9B/h5uznr0tye9wc9aztc7vcHPWM/P4HW5+w82y+h1ufsOtMPudbs56tnv9TjdjNhQHtmFzx834nW1+s/WM+p1t",
        "znJ2w35nW7Ocvc3c72xrljM/+3e29c329L6/s61vtjdX/s625oN7vX9nW7Ocbfff2dYsZ277d7iVc7fsC5vcWc6i8ne6NZ/ct4n9",
        "vQ+eBe3tg3+H27Og2duJ/b7kG+6qt5/4fck33B1vXfx9ySxo593df18yC9p6v9K/L5kFzd4v2u9LUref8zvc/ob7lvkAQsyCtrvI",
        "ELOiPUMAIuybb79/DSjC5s6QgLP3SRrABfDMbVa1fQFobrOs+QGiucUw7gDS3HI+exuY9jgzlFsAtQerwZwT1WS1dzlZTQI2wtpo",
        "7W0uSGvDtX77LsjZ/+weIGaBzYLA5roHB4ltyPYWQSLbmG2fQ2YbtJ21AW0utT3LQszDtvs+zGTiNbRzcJsP3PIYwM1Hbu8/BXLz",
        "oVt1Ad187NaZgDcfvd0EvPnozXeA3lx88wt88/Hb5wsBiHkAt98NAWIewZ27jb57mDVvLyCcy3Dvgw0xD+KiDRDno7iMBsX5MO7t",
        "xoBx/sdxBZLzoVyC5HwoVwGS86HccylQzsdy6xywnA/m9jpOX/HM4mcbNOfDuVMLOOfjuRsOnvMBXRwD0PmILpeB6HxIl91AOh/T",
        "fb6XgpwHdf1WJch5WLcDVOdinQewzsd1746x6Ku0O3fvA7Dzkd2+G2TnQ7uzF9DOZbt3d4WYB3e3HXDno7vPd3sQ8/Au38IOMY/v",
        "ahX4zgU8SwCej/DeXReI52O8iE1fWc4KeC4Yzwd5b7sHyHMpzzYoz4d5z+HAPB/nfb4fhZgHevftjSDmkV68TTXEPNSLtzGEmMd6",
        "b+EC6/lgr24B9ny01zsPfTc8318GeM8HfH3Bez7ge38uAJ+P+D5fMUPKQ763uQTyucz3tgGQ8qDvtAP6fNR300B9PuyL99eClMd9",
        "uRrc54Kf1aWv4OfbtkqQnw/9OgLs561PM9jPB38vQcCfS392QH8+/Ht3QuCfj/92LPCfDwDfRhYA6CPAuxwE6CKgGRDQx4CRHfSo",
        "Y5bAW0XPOmYJ3AUIXELgu3/A045BYHeAAtcoMC8gcA0C32IICFyDwPV+ueCBhxD4dqPwyGMQ+O66gMA1CDzpgMA1CLzXAIFrEPh5",
        "XkTPlGYJfE6EmAeBWQUIXIPAigQErkFgnwAFrlHguz9BzEKgXUDgGgS+WxUgcA0CV2xA4BoEvivoyd0g8PPMDWIWAh+16dndPF8q",
        "o4d3g8C4TU/vBoEPQvT4Tgh893jIeRBYHfQEb/35ypMe4S19p0GP8AaBj1aAwCUEPhNBzIPA9SQEMQ8C99vI0zPSWQPfLhRiHgQ+",
        "SwIClxD4lkmIeRD4tvGAwDUIzChA4BoE1klA4BoE9gpg4BoGXlDgGgW+/xKEPAh8e2NA4BoEvn9yehI9K+D76EPIQuDbZ0DIg8BT",
        "BghcRzWKBgSuoyJFAwKXEPj2UhDyVZciAYHrqkwRgMB11aa4oMA1CtwXELiEwMd3euI/38+9rRrEPAhcuQCBaxC4rwMC1yDwfTIA",
        "gUsIfJdAzGF/OggQc6hWUYDAFepVJCBwhYoVAQhcQqAFIHANAvttd6laoWfUgMA1CPSzAYFrEPjWHkDgEgJfyhDzIPDT44CYB4En",
        "DBC4Ug2LBgQuIfDt+iHmVMeiAIErVbJIQOBKtSziUIdFNYsLClx67HdAgWsU+D6nkPIg8FOFgZQHge/OAAhcg8C9HRC4hEA3QOAq",
        "1S0aELhKfYsGBK7Sh7kAgavUuMhLVSFVLgIQuEqdiwsIXIPAT58Ich4FPnVBzINAf1sFiFkItAUIXIPA98MFBK5B4H5uhZgHgecY",
        "IHC1uhcNCFyt8kUFVbLUvsiiTpbqFwkI3Kb+RQACtxDol3qag8DuAwrcpm0zIHAPAh/LAIF7EPg2moDALQS6AwL3IHC3AQK3qYfR",
        "gMDtKmJUU/dNTYwCBG4h0BIQuF1djAAEblcZ4wIC9yCwzwEFbpU3DyBwC4G2AYF7EOi1AIF7EPj2CoDAPQj8dAMh5qVSRjd1DNXK",
        "aEDgXqplFCBwL/UyEhC4l4oZAQjcQqBfQOAeBFZfQOAeBHYeUOAeBb59D8Q8CPz0KyFmIdCdqpyDwHcnxy7n7JvTqMy51dBoanNu",
        "VTSK6pxCoCX1ObdKGkmFzq2WRlCnU6XOt3mEnAeBn5Iq5Hz0xBVSPnp2Agjcg0CP5dSYnRXwOCBwDwLfbyIgcB+VNBoQuI9KGgUI",
        "3EdfaBQgcB+VNBIQuIVAD0DgvippXEDgHgRWHkDgHgT2PaDAPQp8vx7UTJ4V0BcgcA8CvR0QuAeB77cYELgHgS8oQOC+Kmk0IHAL",
        "gVaAwB0qaSQgcIdKGgEI3KGSxgUE7kFgPeJDzkKgnU0V8HlEVRsUuEeBsQCBO4QTBwTuQeB691SIWQg0AwTu/HPLAATuVEmjAIE7",
        "VdJIQOAWAj0BgTtV0ghA4B4EZt5DVftZAe8BBG49Cnx3achZzwI3KHCX7syAwD0I9HRA4B4ErmuAwF1qaTQgcAuBVoDAXWppFCBw",
        "l1oaCQjcpZZGXHqjQS2NCwjcQqAdQOAeBH7efICcB4EdGxS4R4FnAQL3INCXAwK3EGgGCNyDwLeJBwTuVkujAYG71dIoQOAWAj2D",
        "3h1RSyOK3h5RSyMAgWcQmPcCAs8gsN6OAl4gEQJ90+t6g8DuBQo8o8B0QOAZBPp1QOAZBK7HU3iJRAi0BgQeU0ujAIHH9Vw7m97S",
        "UUsjAYHH1dIIQOARAu0CAs8g8G12AYFnEFixAYFnENhngwKP+qALEHiEQHNA4BkEehkg8CzVNBoQeJZqGtX0NpRqGgUIPEs1jQQE",
        "nqWaRgACz1JN4wICzyDw3ZoBgUcIfPsIyHkQ+LbWgMAzCOx3B4ecR4Hv7gMxDwLfSgoIPEKgm9FbZ6ppNCDwbNU0ChB4tmoaCQg8",
        "WzWNAAQeIdACEHgGgVEXEHhUB41Dr/apEPr+aJDzIPBtR+jlPj0MpHf7RoHl+G7fPKJ6f28I+aik0fR2nxDoRa/3HZU0kt7vOypp",
        "JL3gd1TSCEDgGQR+XkiEkIVAP4DAMwh8f2JA4BkEVm5A4BkEvgVn0UuUf96IgJiFQDdA4LkqaTQg8FyVNBoQeK5KGgUIPKGSRgIC",
        "jxBoAQg8oZLGBQSeQWDEAQSeQWC+XyGIeRBYa296WXVWQFuAwDMI7HJQ4BkFhgECzyDQ35YMYk6VNBoQeFIljQIEnlRJIwGBJ1XS",
        "CEDgSZU0AhB4hEC/gMAzCIw+h14KTr2SBAg8g8B3ZwYEHj0K3AsUePQs0EGBZxTYBgg8pZZGAwJPqaVRgMBTamkkIPAIgZaAwFNq",
        "aQQg8AwC79uw0LvX82F+t3JIeRCYb7GAlIVA24DAMwisWoDAMwjscFDgab3fDgg8rZZGAwJPq6XRgMDTamkUIPC0WhoJCDytlkYE",
        "veOulsYtesl9tnN9AYF3EBh5AIFX7wTeDQi8g8DaCxB4hcC3G4FX3QeBL2ZQ4B0FpgECr6ml0YDAa2ppFCDwCoGWgMDr9uekADpM",
        "QC2NAATeQeB9mw6IeRAY6wACrxD4NnQQ8yDwfVIBgXcQWLEAgXcQ2M+wkLP6oAYIvIPAbjDgXWppFBjwLrU0sunQBrU0Egx4ZUAP",
        "MOAdA75bAxjwjgHf7zoY8I4B424w4B0D5t5gwCsDvh8ExDwGrHYw4B0Dfk6sgJx1qEuDAe9WS6ONDsdQS6PAgHerpZFgwLvV0ggw",
        "4N1qaVww4B0Dvh8cGPDKgO/DDDGPAaM2GPCOAT+nfkDMf/qgDga8Y8BeBgq8ehZIR5AcGQcyPqpoFBDwHlU0Egh4RcC3N4KMjyoa",
        "AQS8RwcOXDrkZQj4OTYFMh4Cxt50zosI6IsOehkC5vtBQMxDwHr/Ijrq5eoYLzrrRW3QprNeREArOuzlqqJRdNrLVUUjgYA3VNEI",
        "IOAdAp51gYBXBLQDBLxDwFsbCHh15ktsIOAdAuZZm47UCZ3oBQS8IqAZEPCGKhoNBrzx581LiDlV0Sgg4BUBPYGAN1XRCCDgTVU0",
        "LhDwDgHP+0WDmIeA7z4OBLwioO9DRxelDvcCAt4h4NuoAQHvELDerg1y1oPAbWDAKwMCAe8QsAoEeEsVjQQB3lJFI0CAt1TRCBDg",
        "lQDtggDvCPC589IBUaVzvkCAdwQYZ4EA7wjwc4oUhCwBmoMAbytmAwHeVkWjgYBXbwQWCPBKgF4gwNuqaCQI8LYqGgECvK2Kxg06",
        "iKt15FfRSVz6Qv+AAGME+IICAcYI8K0CIMD480KggwBjBPjuYCDAkACt6eROU0WjgYBhqnWBAMNU0UgQYJgqGgECDAnQbtOJZzpP",
        "7oIAYwT4FlIQYIwA37YOBBgjwHh/aIhZAjQHAcYIMMtBgDECrPcpgZxdFY0GAsaf54BAwFiiCQgwlioa0XSwnCoaAQKMEeDeFwQY",
        "EqAfEGCMAE9vEGDoQM9cIMAYAcZDLqQ8AsyHREhZAnQDAcZWRaNBgLFV0SggYOhUmDI6wE8VjQQBhgRoAQKMrYrGBQHGCHDHAQHG",
        "CPCcAwKMEeB9zoaYJUBbIMAYAX6OJoSYR4D5bmcQs8qgu0GAcVTRaKeTElXRKFBgHL3cAwiMo4pGAALjqKJxAYEhBPoFBMYg8N1W",
        "AIExCPwc7wgxDwIf9QCBMQh8n31AYAiB7oDAuLK2LTqSUhWNBgTGVUWjQIHxpw0KCAwh0BIQGPfPrZnO/BwEfo7IhJgHgW+fT6d+",
        "hnpdm479FAJt0bmfg8C3E6eTP/8cC+N49GfodDA6+zNU0Wg6/DNU0Sg6/TNU0ShQYOj8zwQERqqiEYDAEALfrynEnH+OCwcExiBw",
        "v3wg5kHgUwUgMAaB75JDR6ymTgcDBMYgMNoAgTEIzDRAYJQqGg0IDCFwFTAwSo9OIOX6c8ADhFyqaFxAYAwC17mAwBgEvowBgSEE",
        "2r50kG3pdDBAYAwC3x4LEBiDwM9ptxDyIDCXAQKjVdFoQGC0KhoFCIxWRSNBgaE3AhMQGEKgByAwBoHeFxAYg8CVJ+jA4NbpYEUn",
        "Bs8KuDcgMIVAX4DAHAQ+mQMCcxD4blSAwNQLgacBgWmqaBQgMIVAKxrgYKpoJCgwR4FvQYCzg00VjQsIzEHg59RlOpl5VkA7gMAc",
        "BO7agMAcBL4PBiAwB4H3OCAwB4HPVoDAFALNAIHpqmg0IDBdFY0CBKaeA+4EBaYeBAYoMJeO+Ws6AHvpdDBAYA4C1/sdhZSX3u3Z",
        "gMAUAh9zIOVB4HlbdEj578mggMAcBL6NLyAwlyoaDQhMIdAKEJhbFY0EBOZWRSONThr/82mGmAeB/n4WELMQaAcQmIPAt2QDAnMQ",
        "uB+FIeZB4DkLEJiDwEd2QGAKgWaAwDyqaDQgMM+ffQYgMFUGfUsFneiuikYCAvOoohGgwBwF5gUE5iDQ7wEE5iBw7QMITCHQNyAw",
        "B4GfU+gh5kHgebc8iHkQeK8BAnMQ+D49gMAUAq0XnZyvikYBAvOqopGAwLyqaAQoMP+0QQGBKQTaBQTmIPBzlD/EPAhcsQGBOQjc",
        "ZwECcxB43oYFYhYCzQGBOQi8ZZsmFKij0YDADHU0ChCYQqAnIDBDHY2kGRBpfwYiQM46HPTSEIhBoO9DUyCEwLfng5gHgas3zYFI",
        "7ZsXDYIYBD7C4CiI1OlgNAwi/3RuaRpEqqPRgMAsdTQKEJj158wuQGCWOhoBDMw/IyEg5VHgIymEPAj0JyoIuXS+wwYE5iBwv58V",
        "TdwonQ4GCExNhSgDBGb/ORYNEJitkkYDAlMIfDcfCLlV0khAYLZKGgEIzFZJI0CB+eeNQEBgCoHv4w4xDwK9d9Bkk9bpYEWjTUx/",
        "HEBgDQLPdkBgCYFugMAylTQaEFimkkYBAksvBJ4EBJappJGAwBIC3y0DRpwMArsuKLA0IOIAAmsQ+BkPQyNkZgVcGxBYQqAtQGAN",
        "At92DhBYg8ATBggsV0mjAYHlKmk0ILBcJY0CBJarpJGAwHKVNAIQWHoUuC8osPQs8DSN6lmqr0LKS+W5DQisQeC6CxBYg8C3SQUE",
        "lhDoBgisQeB56xakrJNBowGBtfRhLkBgbbU0EhBYQqAFILC2WhphNBJp63QwUGD9ORUGEFiDQF8bEFhCoC1AYA0C1/usQcyDwB0O",
        "CKxB4NsQAwJLJ4N6AwLrqKVRgMA6amkkILCOWhrpNHpKLY0ABJYQ6BcQWIPA7gMKLI3824DAGgT63YDAGgSuvQCBJQS6AwJLU//e",
        "WgExX7U0GhBYVy2NBgTWVUujFo34UksjAYF11dIIQGBdtTQuILAGgX0uKLDUBz2AwBICbQMCaxDo774IMQ8CVzggsAaB778ECKxB",
        "4FkGCKxQTaM3jVJTTaMAgaVjYd42HmIO1TQCEFhCoAcgsAaBn7ltkPMgsPOAAuvP4aCAwBoE+l6AwBICfQECaxC42gGBNQjcaYdG",
        "1qmm0YDAStU0ChBYQqAVzQQs1TSShgKWahpBUwFVCD2XxgIOAnsdmguodwJpLOAo8K3NEPIg0GPRXMBB4HqWpMGApdPBaDJgqaTR",
        "gMDSfIhnPQi59YVGAQKrVdJIQGAJgR6AwGqVNC4gsAaB72MNCKxBYN8DCiy9EbgBgSUE+goawNg6HaxoBOM8okoHBPYgcF8DBLap",
        "pNGAwBYCrQCBbSppJCCwTSWNAAS2Xgg8AQjsQeBbcQCBLQTaoXHug8B+e0TI+e+ACBp1KZwsQGAPAte7p0LMQqAZILBdJY0GBLar",
        "pFGAwHaVNAoQ2EKgJyCwXSWNAAS2q6RxAYE9CPzMAoWc9Shw76aZovoeFBTYS3dmQGAPAj0dENhLUzgMENhLLY0GBLYQaA0I7KWW",
        "RgECWyeDRgICe6ulEYDA3mppXEBgC4F2jUa3bp0OBgjsQeBb+kGBrVNhFiCwB4G+HBDYQqA5ILAHgasMENhbLY0GBPZRS6MAgS0E",
        "egIC+6ilEYDAPmpphNOI3KPTwQCBfbTTOIDAFgJ9AwJ7ENjvEwk5/xkTCAjsQaBfBwT2IPAz1hdiFgKtAYGtKYFvEwQxXz3XLkBg",
        "X7U0ctEoYrU0AhDYQqBdQGAPAvOZGmIeBD43AQL76kz9DQrs+NOGgZiFQHNAYA8C/SUIMYdqGg0I7FBNowGBLQR6bRr5rJpGAgI7",
        "VNMIQGDrWJh7AYE9CMx9AYEtBPoBBPYg8G19AYE9CHz/BApsHQ7qgMAeBL7fP0BgC4FugMBO1TT60Ght1TQKENipmkYCAjtV00hA",
        "YAuBFoDAHgRGXUBgqw76fpEhZhVCzwYE9iDw7V2Aga1GKCiw/0yHBwR2aRSjXRpgrpJGAwJbCPSiAfGtkkbRhHjNh8ikEfGtkkbQ",
        "jPhWSePSkHgh0A9NiR8E5lvAIeZBYOWmOfGDwLew0KB4vRToOCi+dToYT4qfL+geCGlUvKmm0Tgr3tTTKJwWbypqJI6LlwQtcF68",
        "qapxcWD8WDDi4sT4wWCegyPjR4O1Ns6MFwdt0dB4Gw++DzZNjTcNi3CaGm8jQn+LMwXuqmw0zY03DY5/twEK3FXaSBodb67WRtLs",
        "eHPVNoKGx5tc6Jemx9vAMN7WkgIfGWZumh9vQ8O6iwbIm54Qvq0OJa5nhE4T5G1pRBVNkLel/kbTCHlbKnAUzZC3pQZH0RR5kxAt",
        "aYy8LXU4gubImw4OjUuD5G2QGOfQJHkbJebbN1LeYuK7ngIfJ1YtGiZvA8W3G6Vp8qazY4ymydtQ0ZfROHnbKnM0zZO3rTZH0Uh5",
        "O6pzJA2Vt6M+R9BUeZMX3yacAh8wvvsuzZW3EWPkocHypjcI76bJ8jZmrPfjpcSFRneaLW+jxrdzoOHypsGCRsPl7arY0TRd3q6a",
        "HUXj5U1yfKKhwDVbsJImzNtVuSNoxLwNHu+5NGPeRo/xflUocPHxfZAp8PFj1qYx8zaArFg0Z95GkH2cBs2b2qRGg+YtNM2YBs1b",
        "qOVRNGneQjWPolHzFup5JA2bNzHy3XUo71DT49K4eRtI3jw0b95Gku8/RgPnbSiZe9PEeZMlfdHIeRtMvq0+zZy30eQzLA2dNx0z",
        "ajR03lKNj6ap8yZQvls4BZ7qfCQNnrdU6SNo9LylWh9Bs+dtUHnXpeHzJlW+mzAFPqyM2jR+3saVGYvmz9ufkqnTAHobWfZymkBv",
        "etmQ4tbswab581bqfhQNoLdS+SNpAr1Jl540g95a9Y+gIfSm0RN5aQq9DTDvPTSG3kaYsTfNoTcR0zcNorcxZr6NBQU+yKwnWkp8",
        "lPmWOZpFb2qcNjHTxcyXvdFFKoIUMdNNTZAkZrqpChLETDd1QS4x08XMtzO4dNE8C3u/KYcuSp1ERsz0YWa+P9Sii1pnkREzXcx8",
        "LKXEh5ldRs50HUXaxEx3lUKKmOlipicx0zWbvoOY6a5eSBAzfZh57iVm+jDz7kPMdDHTNzHTh5nxYqLAh5mZTsz0YWZdJ2a6HkJu",
        "I2e6nEnMdA2pL1KmLzVEkpTpSxWRJGX6UkckSJkuZb4NK8U9yjzvA0dxjzJvbFKmjzLjbFKmjzJzLVKmS5nmpEzfCtxImb7VFWli",
        "puvdxCZlupTpRcr0rbpIkjL9qC8SpEzXuMJ7SZk+yjz7kDJdynz/Ugp8lHl7kzJ9lBm5SJn+5x1FJ2X6KPNxhpTpUubnKzq6SMWR",
        "Jma6plYUKdOvqiNJyvSr7kiQMl3KfNqiwDW9sC4p00eZj4+kTB9l3rNJmX41WW+RMl3KtEXK9FFmPqxQ4KPMeqsKJR5/jnskZvqf",
        "R5XETA+hh5TpoR5JkjI9VCQJUqaPMvf71aS8pcz3caK8R5nnJUB56wzT3KRMH2XGW6Ap71Hm+xeRMl3K/CiYLlKhpEmZnmqUNDHT",
        "dYpNkTI91SlJUqZLmRakTE+1Si4p00eZOy4p00eZ5212KPBR5vuhkDJdyrRFyvRRZpSTMn2U+bZypExXjfUYKdNL7ZImaHqpXlIk",
        "Ta8/byZR4KWCSRA0vdUwCYKmC5qfked00dLxZgRN13yLz7RpuujogDOCpg804zPrly4KHXFG0PSW7I2g6a2mSRM0vVU1qY80/z8y",
        "qWBPjqgAAA==",
    ])

    /// What ``dynamicHuffman`` decompresses to.
    static var dynamicHuffmanText: String {
        (0..<1200).map { index in "\"bucket\",\"data/key-\(index % 1500).csv\",\"\((index * 7919) % 100_000)\"\n" }.joined()
    }

    /// `gzip.compress(b"first,") + gzip.compress(b"second\n")`: two members.
    static let twoMembers = bytes([
        "H4sIAAAAAAAC/0vLLCou0QEA1zZHFQYAAAAfiwgAAAAAAAL/K05Nzs9L4QIAfsAPBgcAAAA=",
    ])

    /// An S3 Inventory data file with the schema `Bucket, Key, Size, LastModifiedDate`, two rows.
    static let inventoryData = bytes([
        "H4sIAAAAAAAC/1NKzK3K0y021k1Jzc3XzcwrS80ryS+qVNJRSi4uc0ksSSxOLdEvySzJSS3WA4oAxY2NLS3NzA2BLCMDIyNdQ0Nd",
        "Q7MQAwMrI0srYyM9AwODKCUuJWJMLUosycxLhxlrbmxggNVMY6iZAFnIcq2qAAAA",
    ])
}
